using NotebookDL.Charts.Spec;
using NotebookDL.Extension.Formatters;
using NotebookDL.Extension.Session;
using NotebookDL.Training;

using NotebookDL.Extension.Options;

namespace NotebookDL.Extension.Commands;

public sealed class NotebookDLCompare : MagicDirective;

/// <summary>
/// <c>#!compare --runs sgd,momentum,adam</c>: the cost and accuracy curves of earlier <c>#!train</c> runs on one
/// chart, their final numbers side by side (optimisers, learning rates, regularisation...) and each one's verdict.
/// </summary>
public sealed class CompareCommand : MagicCommand<NotebookDLCompare>
{
    public override string Name => "compare";
    public override string Summary => "overlays the cost and accuracy curves of earlier #!train runs (by their C# variable names)";

    private static readonly Option<string[]?> Runs = Option.Words("--runs", "C# variables holding #!train results, comma-separated").NameOptional();
    private static readonly Option<bool> Log = Option.Flag("--log", "cost on a log scale");
    private static readonly Option<string> Title = Option.TextWithDefault("--title", "the chart's title", "runs compared");

    public override IReadOnlyList<CommandOption> Options { get; } = [Runs, Log, Title];

    public override IReadOnlyList<string> Examples { get; } = ["#!compare --runs sgd,momentum,adam", "#!compare sgd,adam --log"];

    protected internal override Task RunAsync(CommandContext c)
    {
        var names = c.Get(Runs) ?? throw new CommandException("name the runs to compare, e.g. #!compare --runs sgd,adam");
        var runs = RunLookup.Runs(c, names);
        var title = c.Get(Title);
        var costs = runs.Select(r =>
        {
            var (x, y) = TrainingHistoryFormatter.CostCurve(r.Run.History, 1500);
            return TraceSpec.Line(r.Name, x, y);
        }).ToArray();
        // A run stopped within its first epoch (an exploding learning rate) has no accuracy yet: it has only a cost curve.
        var accuracy = runs.Where(r => r.Run.History.Epochs.Count > 0).Select(r => TraceSpec.Line(r.Name,
            r.Run.History.Epochs.Select(e => (double)e.Epoch).ToArray(),
            r.Run.History.Epochs.Select(e => e.ValAccuracy ?? e.TrainAccuracy ?? double.NaN).ToArray()) with { Kind = TraceKinds.LinesMarkers }).ToArray();
        bool hasVal = runs.Any(r => r.Run.History.Epochs.Any(e => e.ValAccuracy is not null));
        var costPanel = new PanelSpec { Title = "cost per iteration", XTitle = "epoch", YTitle = "cost", LogY = c.Get(Log), Traces = costs };
        var accuracyPanel = new PanelSpec { Title = hasVal ? "validation accuracy" : "train accuracy", XTitle = "epoch", YTitle = "accuracy", YRange = new AxisRange(0, 1.02), Traces = accuracy };
        c.Show(Chart.From((accuracy.Length > 0 ? FigureSpec.Grid(title, 2, costPanel, accuracyPanel) : FigureSpec.Grid(title, 1, costPanel)) with { Height = 380 }));
        var rows = runs.Select(r =>
        {
            var h = r.Run.History;
            var last = h.Epochs.LastOrDefault();
            return new[]
            {
                Html.Encode(r.Name), Html.Fixed(h.InitialCost, 4), Html.Fixed(h.Costs.LastOrDefault(), 4),
                last?.TrainAccuracy is double t ? Html.Fixed(t, 3) : "", last?.ValAccuracy is double v ? Html.Fixed(v, 3) : "",
                h.BestValAccuracy is double b ? Html.Fixed(b, 3) : "", Html.Fixed(h.Elapsed.TotalSeconds, 1),
                h.StopReason == StopReason.Completed ? "completed" : Html.Encode(h.StopMessage),
                Html.Code(r.Run.CommandLine),
            };
        }).ToList();
        c.Show(Html.Table(["run", "initial cost", "final cost", "train acc", "val acc", "best val acc", "time (s)", "stopped", "settings"], rows),
            string.Join("\n", rows.Select(r => string.Join("  ", r.Take(8)))));
        c.Show(TrainingHistoryFormatter.VerdictTable(runs.Select(r => (r.Name, r.Run.CommandLine, r.Run.History))),
            string.Join("\n", runs.Select(r => $"{r.Name}: {r.Run.Verdict.Label}: {r.Run.Verdict.Message}")));
        return Task.CompletedTask;
    }
}
