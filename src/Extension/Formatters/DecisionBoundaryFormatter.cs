using NotebookDL.Analysis;
using NotebookDL.Charts.Spec;
using NotebookDL.Data;

namespace NotebookDL.Extension.Formatters;

/// <summary>Decision regions: the data's points by class over each network's predicted regions, side by side.</summary>
public static class DecisionBoundaryFormatter
{
    /// <summary>One network's regions under the points of <paramref name="points"/>.</summary>
    public static PanelSpec Panel(DecisionBoundary b, Dataset points, string title)
    {
        var z = b.Regions.Select(row => row.Select(k => (double)k).ToArray()).ToArray();
        var scatter = FigureSpec.Scatter(null, points.X.Column(0).ToArray(), points.X.Column(1).ToArray(), points.Labels, [.. points.ClassNames],
            TraceSpec.Boundary(b.X1, b.X2, z) with { Opacity = 0.35, ShowScale = false });
        return scatter.Panels[0] with { Title = title, XTitle = "x₁", YTitle = "x₂" };
    }

    /// <summary>The panels two to a row.</summary>
    public static FigureSpec Figure(IReadOnlyList<PanelSpec> panels) =>
        FigureSpec.Grid("decision regions", Math.Min(panels.Count, 2), [.. panels]) with { Height = 460, ShowLegend = false };
}
