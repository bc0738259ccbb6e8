using System.Globalization;
using NotebookDL.Extension.Charts;
using NotebookDL.Extension.Formatters;
using NotebookDL.Extension.Session;
using NotebookDL.Search;

namespace NotebookDL.Extension.Commands;

public sealed class NotebookDLLrFind : MagicDirective;

/// <summary>
/// <c>#!lr-find</c>: a learning-rate range test on the current data. One short run of a fresh network whose learning
/// rate grows exponentially from <c>--min</c> to <c>--max</c>, stopping at 3x the initial cost; the cost against lr on a
/// log axis shows where learning starts, where it is fastest and where it blows up, and suggests a rate.
/// </summary>
public sealed class LrFindCommand : MagicCommand<NotebookDLLrFind>
{
    /// <summary>#!train options that make no sense here: the learning rate is what the test sweeps.</summary>
    private static readonly string[] Swept = ["--lr", "--schedule", "--decay", "--epochs"];

    public override string Name => "lr-find";
    public override string Summary => "learning-rate range test: cost vs an exponentially growing lr on a log axis, stopping at 3x the initial cost";

    public override IReadOnlyList<OptionSpec> Options =>
    [
        .. TrainSettings.Specs().Where(o => !Swept.Contains(o.Name)),
        // Declared for the shared reader, refused when typed.
        .. TrainSettings.Specs().Where(o => Swept.Contains(o.Name)).Select(o => o with { Description = "not taken: the test sweeps the learning rate", Default = null }),
        new OptionSpec("--min", "the lowest learning rate (the first iteration's)", "1e-6"),
        new OptionSpec("--max", "the highest learning rate (the last iteration's)", "10"),
        new OptionSpec("--iterations", "iterations from --min to --max (the run stops earlier at 3x the initial cost)", "100"),
        new OptionSpec("--as", "name of the C# variable that keeps the LearningRateFinderResult", "lrfind"),
    ];

    public override IReadOnlyList<string> Examples { get; } =
        ["#!lr-find", "#!lr-find --optimizer adam --min 1e-7 --max 1", "#!lr-find --hidden 100 --iterations 200 --batch 50"];

    protected internal override async Task RunAsync(CommandContext c)
    {
        var r = c.Options;
        foreach (var option in Swept)
            if (r.Has(option)) throw new CommandException($"{option} is not taken: #!lr-find sweeps the learning rate from --min to --max");
        var settings = TrainSettings.Read(r);
        double min = r.Double("--min", 1e-6, 1e-12, 1e6);
        double max = r.Double("--max", 10, 1e-12, 1e9);
        if (max <= min) throw new CommandException($"--max ({Hyperparameter.Compact(max)}) must be above --min ({Hyperparameter.Compact(min)})");
        int iterations = r.Int("--iterations", 100, 5, 100_000);
        var name = r.VariableName("lrfind");

        var data = NotebookState.Data;
        var train = settings.Examples is int k
            ? k <= data.Train.Count ? data.Train.Take(k) : throw new CommandException($"--examples {k} is more than the {data.Train.Count} training examples of {data.Name}")
            : data.Train;
        var architecture = settings.Architecture(train.Features, train.Classes);
        WorkGuard.CheckTraining(architecture, settings, train.Count);
        var live = c.Live(Html.Detail($"lr-find: {iterations} iterations from lr {Html.Num(min)} to {Html.Num(max)}…"), "lr-find: running…");
        var result = LearningRateFinder.Run(architecture, settings.Training(), train, min, max, iterations, c.CancellationToken);
        live.Replace(new HtmlOutput(Html.Detail($"lr-find: {result.Costs.Length} iterations, {result.StopMessage}"), $"lr-find: {result.StopMessage}"));
        var stored = await c.StoreAsync(name, result);

        var line = $"#!lr-find --min {Hyperparameter.Compact(min)} --max {Hyperparameter.Compact(max)} --iterations {iterations} " +
                   CommandLines.Without(settings.CommandLine(""), Swept);
        c.Show(Chart.From(LearningRateFinderFormatter.Figure(result)));
        var suggested = double.IsFinite(result.Suggested)
            ? "<div style=\"margin:6px 0\">to train with the suggested rate:</div>" +
              $"<pre style=\"margin:2px 0;padding:4px 8px;background:#f6f8fa;white-space:pre-wrap\">{Html.Encode((settings with { LearningRate = double.Parse(result.Suggested.ToString("G2", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) }).CommandLine())}</pre>"
            : null;
        c.Show(Html.Block(LearningRateFinderFormatter.Notes(result), suggested, Html.Detail($"{line} · data: {data.Name}, {train.Count:N0} train · {stored}")),
            result.ToString());
    }
}
