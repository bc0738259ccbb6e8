using NotebookDL.Charts.Spec;
using Plotly.NET;
using Plotly.NET.CSharp;
using CSharpChart = Plotly.NET.CSharp.Chart;

namespace NotebookDL.Charts.Building;

/// <summary>A validated panel figure to one chart: one panel alone, several in a Chart.Grid with subplot titles.</summary>
internal static class FigureCharts
{
    /// <summary>The chart and the title the figure should carry.</summary>
    public static (GenericChart Chart, string? Title, int Rows) Build(FigureSpec spec)
    {
        var panels = spec.Panels;
        var single = panels.Length == 1 && (string.IsNullOrEmpty(spec.Title) || string.IsNullOrEmpty(panels[0].Title));
        if (single)
            return (PanelCharts.Build(panels[0], null), string.IsNullOrEmpty(spec.Title) ? panels[0].Title : spec.Title, 1);

        var columns = Math.Min(spec.Columns ?? FigureSpec.DefaultColumns(panels.Length), panels.Length);
        var rows = (panels.Length + columns - 1) / columns;
        // Room between cells for the next panel's y-axis title, and for colour bars placed beside their panel.
        var hasColorBars = panels.Any(p => p.Traces.Any(ShowsColorBar));
        var grid = new GridLayout(rows, columns, XGap: hasColorBars ? 0.35 : 0.25, YGap: rows > 1 ? 0.35 : 0);
        var charts = panels.Select((p, i) => PanelCharts.Build(p, grid.ColorBarFor(i))).ToArray();
        var chart = CSharpChart.Grid(charts, rows, columns,
            SubPlotTitles: panels.Select(p => p.Title ?? "").ToArray(), XGap: grid.XGap, YGap: grid.YGap);
        return (chart, spec.Title, rows);
    }

    private static bool ShowsColorBar(TraceSpec t) => t.ShowScale ?? (t.Kind is TraceKinds.Heatmap or TraceKinds.Contour || t.ColorValues is not null);
}
