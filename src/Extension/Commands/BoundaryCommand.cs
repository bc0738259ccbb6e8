using NotebookDL.Analysis;
using NotebookDL.Charts.Spec;
using NotebookDL.Extension.Formatters;
using NotebookDL.Extension.Session;

using NotebookDL.Extension.Options;

namespace NotebookDL.Extension.Commands;

public sealed class NotebookDLBoundary : MagicDirective;

/// <summary>
/// <c>#!boundary --run linear,twolayer</c>: the decision regions of trained networks over 2-D data (the spiral),
/// side by side: softmax regression draws straight boundaries between classes, a hidden layer bends them.
/// </summary>
public sealed class BoundaryCommand : MagicCommand<NotebookDLBoundary>
{
    public override string Name => "boundary";
    public override string Summary => "decision regions of trained networks on 2-D data (linear vs non-linear boundaries)";

    private static readonly Option<string[]?> Runs = SharedOptions.Run.With(help: "C# variables holding #!train results (comma-separated), e.g. linear,twolayer");
    private static readonly Option<int> Resolution = Option.Whole("--resolution", "grid points per axis", 120, 10, 400);

    public override IReadOnlyList<CommandOption> Options { get; } = [Runs, Resolution];

    public override IReadOnlyList<string> Examples { get; } = ["#!boundary --run linear,twolayer"];

    protected internal override Task RunAsync(CommandContext c)
    {
        var names = c.Get(Runs)!;
        int resolution = c.Get(Resolution);
        var data = c.Session.Data;
        var points = data.Splits.Train;
        if (points.Features != 2)
            throw new CommandException($"decision regions are drawn for 2-D data; the current data ({data.Name}) has {points.Features} features. Try #!dataset spiral");
        var runs = RunLookup.Runs(c, names);

        var panels = new List<PanelSpec>();
        var rows = new List<string[]>();
        foreach (var (name, run) in runs)
        {
            if (run.Network.InputSize != 2)
                throw new CommandException($"'{name}' was trained on {run.Network.InputSize} features, not on this 2-D data");
            run.CheckTrainedOn(name, data, points);
            var boundary = DecisionBoundary.Of(run.Network, points, resolution);
            panels.Add(DecisionBoundaryFormatter.Panel(boundary, points, $"{name}: {HiddenText(run)} (train accuracy {Html.Fixed(boundary.Accuracy, 2)})"));
            rows.Add([Html.Encode(name), Html.Encode(HiddenText(run)), Html.Fixed(boundary.Accuracy, 3), Html.Encode(run.CommandLine)]);
        }
        c.Show(Chart.From(DecisionBoundaryFormatter.Figure(panels)));
        c.Show(Html.Table(["run", "network", "train accuracy", "settings"], rows), string.Join("\n", rows.Select(r => string.Join("  ", r))));
        return Task.CompletedTask;
    }

    private static string HiddenText(TrainingRun run) =>
        run.Settings.Get(TrainingOptionTable.Hidden) is { Length: > 0 } hidden
            ? $"hidden {string.Join(",", hidden)} {run.Settings.Get(TrainingOptionTable.Activation)}"
            : "softmax regression (no hidden layer)";

    private static double[] Grid(double lo, double hi, int n) => Enumerable.Range(0, n).Select(i => lo + (hi - lo) * i / (n - 1)).ToArray();
}
