using System.Globalization;
using NotebookDL.Extension.Formatters;
using NotebookDL.Extension.Session;
using NotebookDL.Search;

using NotebookDL.Extension.Options;

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
    private static readonly CommandOption[] Swept =
        [TrainingOptionTable.LearningRate, TrainingOptionTable.Schedule, TrainingOptionTable.Decay, TrainingOptionTable.Epochs];

    private static readonly Option<double> Min = Option.Number("--min", "the lowest learning rate (the first iteration's)", 1e-6, 1e-12, 1e6).Echoed();
    private static readonly Option<double> Max = Option.Number("--max", "the highest learning rate (the last iteration's)", 10, 1e-12, 1e9).Echoed();
    private static readonly Option<int> Iterations = Option.Whole("--iterations", "iterations from --min to --max (the run stops earlier at 3x the initial cost)", 100, 5, 100_000).Echoed();
    private static readonly Option<string> As = Option.VariableName("name of the C# variable that keeps the LearningRateFinderResult", "lrfind");

    public override string Name => "lr-find";
    public override string Summary => "learning-rate range test: cost vs an exponentially growing lr on a log axis, stopping at 3x the initial cost";

    public override IReadOnlyList<CommandOption> Options { get; } =
    [
        Min, Max, Iterations,
        // The swept options are declared (so the directive reads them) and refused when typed.
        .. TrainingOptionTable.All.Select(o => Swept.Contains(o) ? NotTaken(o) : o),
        As,
    ];

    private static CommandOption NotTaken(CommandOption o) => o switch
    {
        Option<double> d => d.With(help: "not taken: the test sweeps the learning rate", defaultText: "", echo: Echo.Never),
        Option<double?> d => d.With(help: "not taken: the test sweeps the learning rate", defaultText: "", echo: Echo.Never),
        Option<string> t => t.With(help: "not taken: the test sweeps the learning rate", defaultText: "", echo: Echo.Never),
        Option<int> i => i.With(help: "not taken: the test sweeps the learning rate", defaultText: "", echo: Echo.Never),
        _ => throw new InvalidOperationException($"{o.Name} cannot be marked as not taken"),
    };

    public override IReadOnlyList<string> Examples { get; } =
        ["#!lr-find", "#!lr-find --optimizer adam --min 1e-7 --max 1", "#!lr-find --hidden 100 --iterations 200 --batch 50"];

    protected internal override async Task RunAsync(CommandContext c)
    {
        foreach (var option in Swept)
            if (c.Values.Given(option)) throw new CommandException($"{option.Name} is not taken: #!lr-find sweeps the learning rate from --min to --max");
        var settings = TrainSettings.For(c);
        double min = c.Get(Min), max = c.Get(Max);
        if (max <= min) throw new CommandException($"--max ({NumberText.Exact(max)}) must be above --min ({NumberText.Exact(min)})");
        int iterations = c.Get(Iterations);
        var name = c.Get(As);

        var data = c.Session.Data;
        var train = settings.TrainingExamples(data);
        var architecture = settings.Network(train.Features, train.Classes, c.Session.Learner);
        var training = settings.Training(c.Session.Learner);
        WorkGuard.CheckTraining(architecture, training, train.Count);
        var live = c.Live(Html.Detail($"lr-find: {iterations} iterations from lr {Html.Num(min)} to {Html.Num(max)}…"), "lr-find: running…");
        var result = LearningRateFinder.Run(architecture, training, train, min, max, iterations, c.CancellationToken);
        live.Replace(new HtmlOutput(Html.Detail($"lr-find: {result.Costs.Length} iterations, {result.StopMessage}"), $"lr-find: {result.StopMessage}"));
        var stored = await c.StoreAsync(name, result);

        var line = c.Values.Echo("#!lr-find");
        c.Show(Chart.From(LearningRateFinderFormatter.Figure(result)));
        var suggested = double.IsFinite(result.Suggested)
            ? "<div style=\"margin:6px 0\">to train with the suggested rate:</div>" +
              $"<pre style=\"margin:2px 0;padding:4px 8px;background:#f6f8fa;white-space:pre-wrap\">{Html.Encode(settings.With(TrainingOptionTable.LearningRate, double.Parse(result.Suggested.ToString("G2", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture)).CommandLine())}</pre>"
            : null;
        c.Show(Html.Block(LearningRateFinderFormatter.Notes(result), suggested, Html.Detail($"{line} · data: {data.Name}, {train.Count:N0} train · {stored}")),
            result.ToString());
    }
}
