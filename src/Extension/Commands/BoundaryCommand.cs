using NotebookDL.Charts.Spec;
using NotebookDL.Extension.Charts;
using NotebookDL.Extension.Formatters;
using NotebookDL.Extension.Session;
using NotebookDL.Tensors;

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

    public override IReadOnlyList<CommandOption> Options { get; } =
    [
        new OptionSpec("--run", "C# variables holding #!train results (comma-separated), e.g. linear,twolayer", "run", @implicit: true),
        new OptionSpec("--resolution", "grid points per axis", "120"),
    ];

    public override IReadOnlyList<string> Examples { get; } = ["#!boundary --run linear,twolayer"];

    protected internal override Task RunAsync(CommandContext c)
    {
        var names = c.Options.Words("--run") ?? ["run"];
        int resolution = c.Options.Int("--resolution", 120, 10, 400);
        var data = c.Session.Data;
        var points = data.Splits.Train;
        if (points.Features != 2)
            throw new CommandException($"decision regions are drawn for 2-D data; the current data ({data.Name}) has {points.Features} features. Try #!dataset spiral");
        var runs = RunLookup.Runs(c, names);

        var xs = points.X.Column(0); var ys = points.X.Column(1);
        double pad = 0.1 * Math.Max(xs.Maximum() - xs.Minimum(), ys.Maximum() - ys.Minimum());
        var gx = Grid(xs.Minimum() - pad, xs.Maximum() + pad, resolution);
        var gy = Grid(ys.Minimum() - pad, ys.Maximum() + pad, resolution);
        var panels = new List<PanelSpec>();
        var rows = new List<string[]>();
        foreach (var (name, run) in runs)
        {
            if (run.Network.InputSize != 2)
                throw new CommandException($"'{name}' was trained on {run.Network.InputSize} features, not on this 2-D data");
            var grid = Mat.Zeros(resolution * resolution, 2);
            for (int i = 0; i < resolution; i++)
                for (int j = 0; j < resolution; j++)
                {
                    grid[i * resolution + j, 0] = gx[j];
                    grid[i * resolution + j, 1] = gy[i];
                }
            var predicted = run.Network.Predict(grid);
            var z = Enumerable.Range(0, resolution).Select(i => Enumerable.Range(0, resolution).Select(j => (double)predicted[i * resolution + j]).ToArray()).ToArray();
            double accuracy = run.Network.Accuracy(points.X, points.Labels);
            var scatter = FigureSpec.Scatter(null, xs.ToArray(), ys.ToArray(), points.Labels, [.. points.ClassNames],
                TraceSpec.Boundary(gx, gy, z) with { Opacity = 0.35, ShowScale = false });
            panels.Add(scatter.Panels[0] with { Title = $"{name}: {HiddenText(run)} (train accuracy {Html.Fixed(accuracy, 2)})", XTitle = "x₁", YTitle = "x₂" });
            rows.Add([Html.Encode(name), Html.Encode(HiddenText(run)), Html.Fixed(accuracy, 3), Html.Encode(run.CommandLine)]);
        }
        c.Show(Chart.From(FigureSpec.Grid("decision regions", Math.Min(panels.Count, 2), [.. panels]) with { Height = 460, ShowLegend = false }));
        c.Show(Html.Table(["run", "network", "train accuracy", "settings"], rows), string.Join("\n", rows.Select(r => string.Join("  ", r))));
        return Task.CompletedTask;
    }

    private static string HiddenText(TrainingRun run) =>
        run.Settings.Get(TrainingOptionTable.Hidden) is { Length: > 0 } hidden
            ? $"hidden {string.Join(",", hidden)} {run.Settings.Get(TrainingOptionTable.Activation)}"
            : "softmax regression (no hidden layer)";

    private static double[] Grid(double lo, double hi, int n) => Enumerable.Range(0, n).Select(i => lo + (hi - lo) * i / (n - 1)).ToArray();
}
