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
    private static readonly MismatchOptions Demo = new();

    private static readonly Option<double[]?> Errors = Option.Custom<double[]?>("--errors",
        "given errors in %: train, train-dev, dev[, test] (e.g. 1,9,10); without it the built-in demonstration is trained", null,
        ReadErrors, e => e is null ? "" : string.Join(",", e.Select(NumberText.Exact))).Echoed().NameOptional();

    private static readonly Option<double> Human = Option.Number("--human", "human-level error in % (the proxy for Bayes error)", 0, 0, 100).Echoed();
    private static readonly Option<double> Blur = Option.Number("--blur", "demonstration: Gaussian blur (σ in pixels) of the dev/test digits; 0 = none", Demo.Blur, 0, 3).Echoed();

    private static readonly Option<int[]> Shift = Option.Custom("--shift", "demonstration: pixels the dev/test digits move right and down, e.g. 1 or 2,0",
        new[] { Demo.ShiftX, Demo.ShiftY }, ReadShift, s => $"{s[0]},{s[1]}").Echoed();

    private static readonly Option<int> Dev = Option.Whole("--dev", "demonstration: blurred digits in the dev set", Demo.Dev, 1, 1000).Echoed();
    private static readonly Option<int?> Test = SharedOptions.Test.With(Demo.Test, "demonstration: blurred digits in the test set").Echoed();
    private static readonly Option<int> TargetInTrain = Option.Whole("--target-in-train", "demonstration: blurred digits added to training", Demo.TargetInTrain, 0, 1000).Echoed();
    private static readonly Option<int> TrainDev = Option.Whole("--train-dev", "demonstration: examples of the training mix held out as train-dev", Demo.TrainDev, 0, 1000).Echoed();
    private static readonly Option<string> As = Option.VariableName("name of the C# variable: a MismatchResult (demonstration) or a BiasVarianceTable (--errors)", "mismatch");

    /// <summary>The demonstration's options, in the order its line shows them (refused with <c>--errors</c>).</summary>
    private static readonly IReadOnlyList<CommandOption> DemoOnly = [Blur, Shift, Dev, Test, TargetInTrain, TrainDev, .. ExperimentSettings.All];

    public override string Name => "mismatch";
    public override string Summary => "the human-level / train / train-dev / dev / test table: avoidable bias, variance, data mismatch, overfitting to dev, and a verdict";

    public override IReadOnlyList<CommandOption> Options { get; } = [Errors, Human, .. DemoOnly, As];

    public override IReadOnlyList<string> Examples { get; } =
    [
        "#!mismatch --errors 1,9,10",
        "#!mismatch --errors 1,1.5,10",
        "#!mismatch --errors 8,9,10 --human 1",
        "#!mismatch",
        "#!mismatch --blur 0 --shift 0",
    ];

    protected internal override async Task RunAsync(CommandContext c)
    {
        double human = c.Get(Human) / 100;
        var name = c.Get(As);
        if (c.Get(Errors) is { } given)
        {
            if (DemoOnly.FirstOrDefault(c.Values.Given) is { } demoOption)
                throw new CommandException($"{demoOption.Name} is for the demonstration; with {Errors.Name} the table is read from the numbers given");
            await ShowGiven(c, given, human, name);
            return;
        }

        var options = DemoOptions(c.Values);
        var settings = ExperimentSettings.Read(c.Values);
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

        var line = c.Values.Echo("#!mismatch", [Human, .. DemoOnly]);
        foreach (var chart in MismatchResultFormatter.Charts(result)) c.Show(chart);
        c.Show(Html.Block(MismatchResultFormatter.Html(result), Html.Detail($"{line} · {stored}")), MismatchResultFormatter.Text(result));
    }

    private static async Task ShowGiven(CommandContext c, double[] given, double human, string name)
    {
        var table = new BiasVarianceTable(human, given[0] / 100, given[1] / 100, given[2] / 100, given.Length == 4 ? given[3] / 100 : null);
        var stored = await c.StoreAsync(name, table);
        var line = c.Values.Echo("#!mismatch", [Errors, Human]);
        c.Show(Chart.From(BiasVarianceTableFormatter.Figure(table)));
        c.Show(Html.Block(BiasVarianceTableFormatter.Html(table), Html.Detail($"{line} · {stored}")), BiasVarianceTableFormatter.Text(table));
    }

    /// <summary>The demonstration's data as these values describe it.</summary>
    private static MismatchOptions DemoOptions(OptionValues v)
    {
        var shift = v.Get(Shift);
        return new MismatchOptions
        {
            Blur = v.Get(Blur),
            ShiftX = shift[0],
            ShiftY = shift[1],
            Dev = v.Get(Dev),
            Test = v.Get(Test)!.Value,
            TargetInTrain = v.Get(TargetInTrain),
            TrainDev = v.Get(TrainDev),
        }.Validate();
    }

    /// <summary>The errors of <c>--errors</c>: 3 or 4 percentages (train, train-dev, dev[, test]).</summary>
    private static double[] ReadErrors(string text)
    {
        var given = Option.SplitList(text).Select(item => Option.ParseNumber(Errors.Name, item, double.NegativeInfinity, double.PositiveInfinity)).ToArray();
        if (given.Length is < 3 or > 4)
            throw new CommandException($"{Errors.Name} takes 3 or 4 numbers in %: train, train-dev, dev[, test] (e.g. 1,9,10); got {given.Length}");
        foreach (var v in given)
            if (!(v >= 0 && v <= 100)) throw new CommandException($"{Errors.Name} are percentages in [0, 100], got {v.ToString(CultureInfo.InvariantCulture)}");
        return given;
    }

    /// <summary>The shift of <c>--shift</c>: one number (right and down) or two (right, down), as [right, down].</summary>
    private static int[] ReadShift(string text)
    {
        var shift = Option.ParseWholes(Shift.Name, text, -7, 7);
        if (shift.Length > 2) throw new CommandException($"{Shift.Name} takes one number (right and down) or two (right, down), got {shift.Length}");
        return shift.Length == 2 ? shift : [shift[0], shift[0]];
    }
}
