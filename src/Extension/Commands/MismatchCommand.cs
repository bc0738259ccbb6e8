using System.Globalization;
using NotebookDL.Analysis;
using NotebookDL.Extension.Formatters;
using NotebookDL.Extension.Live;

using NotebookDL.Extension.Options;

namespace NotebookDL.Extension.Commands;

public sealed class NotebookDLMismatch : MagicDirective;

/// <summary>
/// <c>#!mismatch</c>: the lecture's table for training and dev/test data from different distributions. With
/// <c>--errors 1,9,10</c> it reads given train / train-dev / dev (/ test) errors; without, it builds the built-in
/// demonstration — sharp digits for training, blurred and shifted digits for dev and test, a train-dev set from
/// the training mix — trains a network on it (live) and measures the table. Each gap is named (avoidable bias,
/// variance, data mismatch, overfitting to dev) and the biggest gives the verdict.
/// </summary>
public sealed class MismatchCommand : MagicCommand<NotebookDLMismatch>
{
    private static readonly ExperimentSettings Defaults = new() { Hidden = [50], Epochs = 20, LearningRate = 1e-3, MaxSeconds = 60 };
    private static readonly MismatchOptions Demo = new();
    private static readonly string[] DemoOnly = ["--blur", "--shift", "--dev", "--test", "--target-in-train", "--train-dev", "--hidden", "--epochs", "--lr", "--batch", "--seed", "--max-seconds"];

    public override string Name => "mismatch";
    public override string Summary => "the human-level / train / train-dev / dev / test table: avoidable bias, variance, data mismatch, overfitting to dev, and a verdict";

    public override IReadOnlyList<CommandOption> Options { get; } =
    [
        new OptionSpec("--errors", "given errors in %: train, train-dev, dev[, test] (e.g. 1,9,10); without it the built-in demonstration is trained", Implicit: true),
        new OptionSpec("--human", "human-level error in % (the proxy for Bayes error)", "0"),
        new OptionSpec("--blur", "demonstration: Gaussian blur (σ in pixels) of the dev/test digits; 0 = none", Invariant(Demo.Blur)),
        new OptionSpec("--shift", "demonstration: pixels the dev/test digits move right and down, e.g. 1 or 2,0", "1"),
        new OptionSpec("--dev", "demonstration: blurred digits in the dev set", Invariant(Demo.Dev)),
        new OptionSpec("--test", "demonstration: blurred digits in the test set", Invariant(Demo.Test)),
        new OptionSpec("--target-in-train", "demonstration: blurred digits added to training", Invariant(Demo.TargetInTrain)),
        new OptionSpec("--train-dev", "demonstration: examples of the training mix held out as train-dev", Invariant(Demo.TrainDev)),
        .. Defaults.Specs(),
        new OptionSpec("--as", "name of the C# variable: a MismatchResult (demonstration) or a BiasVarianceTable (--errors)", "mismatch"),
    ];

    public override IReadOnlyList<string> Examples { get; } =
    [
        "#!mismatch --errors 1,9,10        (variance)",
        "#!mismatch --errors 1,1.5,10      (data mismatch)",
        "#!mismatch --errors 8,9,10 --human 1   (avoidable bias)",
        "#!mismatch",
        "#!mismatch --blur 0 --shift 0     (no mismatch: the gap closes)",
    ];

    protected internal override async Task RunAsync(CommandContext c)
    {
        var o = c.Options;
        double human = o.Double("--human", 0, 0, 100) / 100;
        var name = o.VariableName("mismatch");
        if (o.Doubles("--errors") is { } given)
        {
            if (DemoOnly.FirstOrDefault(o.Has) is { } demoOption)
                throw new CommandException($"{demoOption} is for the demonstration; with --errors the table is read from the numbers given");
            await ShowGiven(c, given, human, name);
            return;
        }

        var options = ReadDemo(o);
        var settings = Defaults.Read(o);
        var data = MismatchDemo.Create(o: options);
        settings.CheckWork(data.Splits.Train.Features, data.Splits.Train.Classes, data.Splits.Train.Count);
        c.Show(Html.Block(
                Html.Note(data.Description),
                Html.Row(
                    DatasetFormatter.SampleImagesHtml(data.Raw.Train, "of the training distribution"),
                    DatasetFormatter.SampleImagesHtml(data.Raw.Val!, "of the dev/test distribution"))),
            data.Description);

        var experiment = new MismatchExperiment();
        var result = ExperimentMonitor.Follow(c, experiment, "training on the training mix",
            ct => experiment.Run(data.Splits, human, settings.Options(), ct));
        var stored = await c.StoreAsync(name, result);

        var line = string.Create(CultureInfo.InvariantCulture,
            $"#!mismatch --human {100 * human:G4} --blur {options.Blur:G3} --shift {options.ShiftX},{options.ShiftY} --dev {options.Dev} --test {options.Test} --target-in-train {options.TargetInTrain} --train-dev {options.TrainDev} {settings.CommandLine()}");
        foreach (var chart in MismatchResultFormatter.Charts(result)) c.Show(chart);
        c.Show(Html.Block(MismatchResultFormatter.Html(result), Html.Detail($"{line} · {stored}")), MismatchResultFormatter.Text(result));
    }

    private static async Task ShowGiven(CommandContext c, double[] given, double human, string name)
    {
        if (given.Length is < 3 or > 4)
            throw new CommandException($"--errors takes 3 or 4 numbers in %: train, train-dev, dev[, test] (e.g. 1,9,10); got {given.Length}");
        foreach (var v in given)
            if (!(v >= 0 && v <= 100)) throw new CommandException($"--errors are percentages in [0, 100], got {v.ToString(CultureInfo.InvariantCulture)}");
        var table = new BiasVarianceTable(human, given[0] / 100, given[1] / 100, given[2] / 100, given.Length == 4 ? given[3] / 100 : null);
        var stored = await c.StoreAsync(name, table);
        var line = $"#!mismatch --errors {string.Join(",", given.Select(v => v.ToString("G4", CultureInfo.InvariantCulture)))} --human {(100 * human).ToString("G4", CultureInfo.InvariantCulture)}";
        c.Show(Chart.From(BiasVarianceTableFormatter.Figure(table)));
        c.Show(Html.Block(BiasVarianceTableFormatter.Html(table), Html.Detail($"{line} · {stored}")), BiasVarianceTableFormatter.Text(table));
    }

    private static MismatchOptions ReadDemo(OptionReader o)
    {
        var shift = o.Ints("--shift", -7, 7) ?? [Demo.ShiftX];
        if (shift.Length > 2) throw new CommandException($"--shift takes one number (right and down) or two (right, down), got {shift.Length}");
        return new MismatchOptions
        {
            Blur = o.Double("--blur", Demo.Blur, 0, 3),
            ShiftX = shift[0],
            ShiftY = shift.Length == 2 ? shift[1] : shift[0],
            Dev = o.Int("--dev", Demo.Dev, 1, 1000),
            Test = o.Int("--test", Demo.Test, 0, 1000),
            TargetInTrain = o.Int("--target-in-train", Demo.TargetInTrain, 0, 1000),
            TrainDev = o.Int("--train-dev", Demo.TrainDev, 0, 1000),
        }.Validate();
    }

    private static string Invariant(double v) => v.ToString(CultureInfo.InvariantCulture);
}
