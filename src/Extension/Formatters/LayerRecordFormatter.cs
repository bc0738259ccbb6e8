using MathNet.Numerics.LinearAlgebra;
using NotebookDL.Charts.Spec;
using NotebookDL.Training;

namespace NotebookDL.Extension.Formatters;

/// <summary>
/// One layer of a mini-batch as the lecture draws it: a table of its intermediates (symbol, how it was
/// computed, shape, mean, std, min, max, saturated or dead share) and small heatmaps of their top-left corners
/// (the first examples and units) rather than walls of numbers.
/// </summary>
public static class LayerRecordFormatter
{
    /// <summary>Examples (rows) and units (columns) a heatmap shows at most.</summary>
    public const int HeatmapRows = 10, HeatmapColumns = 16;

    public static string Html(LayerRecord layer) => Reports.Html.Block(
        Table(layer, layer.Forward.Concat(layer.Backward)),
        layer.Forward.Count + layer.Backward.Count == 0 ? null : Chart.From(Figure(layer, layer.Forward.Concat(layer.Backward).ToList())).ToHtml());

    public static string Text(LayerRecord layer) => layer.ToString();

    /// <summary>The table of <paramref name="tensors"/>, captioned with the layer.</summary>
    public static string Table(LayerRecord layer, IEnumerable<RecordedTensor> tensors, string? caption = null)
    {
        var list = tensors.ToList();
        bool saturates = list.Any(t => !double.IsNaN(t.Summary.Saturated));
        bool relu = list.Any(t => !double.IsNaN(t.Summary.DeadUnits));
        var headers = new List<string> { "", "computed as", "shape", "mean", "std", "min", "max" };
        if (saturates) headers.Add("saturated");
        if (relu) headers.Add("zeros / dead units");
        var rows = list.Select(t =>
        {
            var cells = new List<string>
            {
                $"<b>{Reports.Html.Encode(t.Symbol)}</b>", $"<div style=\"text-align:left\">{Reports.Html.Encode(t.Formula)}</div>",
                t.Summary.Shape, Reports.Html.Num(t.Summary.Mean, 3), Reports.Html.Num(t.Summary.Std, 3),
                Reports.Html.Num(t.Summary.Min, 3), Reports.Html.Num(t.Summary.Max, 3),
            };
            if (saturates) cells.Add(GlanceFormatter.Share(t.Summary.Saturated, 0.05));
            if (relu) cells.Add(double.IsNaN(t.Summary.DeadUnits) ? "" : GlanceFormatter.Share(t.Summary.Zeros, 2) + " / " + GlanceFormatter.Share(t.Summary.DeadUnits, 0.1));
            return cells;
        });
        return Reports.Html.Table(headers, rows, Reports.Html.Encode(caption ?? $"layer {layer.Index}: {layer.Name}"));
    }

    /// <summary>
    /// Heatmaps of the first examples × units of the (N, units) tensors and of W-shaped gradients, one panel each,
    /// red-blue around 0; batch statistics and dγ, dβ (1, units) as bars per unit.
    /// </summary>
    public static FigureSpec Figure(LayerRecord layer, IReadOnlyList<RecordedTensor> tensors, string? title = null)
    {
        var panels = new List<PanelSpec>();
        foreach (var t in tensors)
        {
            if (t.Value.RowCount > 1) panels.Add(HeatmapPanel(t, "unit", t.Name == "dW" ? "input" : "example"));
            else if (t.Name is "mean" or "var" or "dgamma" or "dbeta")
            {
                // Per-unit rows (the batch statistics, batch norm's gradients) as bars in the order they were computed.
                var units = Labels(Math.Min(t.Value.ColumnCount, 40));
                panels.Add(new PanelSpec
                {
                    Title = $"{t.Symbol} per unit" + (units.Length < t.Value.ColumnCount ? $" (first {units.Length})" : ""), XTitle = "unit",
                    Traces = [TraceSpec.Bars(t.Symbol, units, t.Value.Row(0).Take(units.Length).ToArray())],
                });
            }
        }
        if (panels.Count == 0) panels.Add(new PanelSpec { Title = "nothing recorded yet", Traces = [TraceSpec.Line("", [0.0], [0.0])] });
        int columns = Math.Min(3, panels.Count);
        int rows = (panels.Count + columns - 1) / columns;
        return FigureSpec.Grid(title ?? $"layer {layer.Index}: {CornerShown(tensors)}", columns, [.. panels])
            with { Height = 80 + 230 * rows, ShowLegend = false };
    }

    /// <summary>"the first 10 examples × 16 units": the largest corner the heatmaps of <paramref name="tensors"/> show.</summary>
    public static string CornerShown(IReadOnlyList<RecordedTensor> tensors)
    {
        var maps = tensors.Where(t => t.Value.RowCount > 1 && t.Name != "dW").ToList();
        if (maps.Count == 0) return "per-unit values";
        int rows = Math.Min(HeatmapRows, maps.Max(t => t.Value.RowCount));
        int units = Math.Min(HeatmapColumns, maps.Max(t => t.Value.ColumnCount));
        return $"the first {rows} examples × {units} units";
    }

    /// <summary>One heatmap panel of a tensor's top-left corner, with a symmetric colour range so 0 is white.</summary>
    public static PanelSpec HeatmapPanel(RecordedTensor t, string xTitle = "unit", string yTitle = "example") => HeatmapPanel(t.Symbol, t.Value, xTitle, yTitle);

    /// <summary>One heatmap panel of the top-left corner of <paramref name="m"/>.</summary>
    public static PanelSpec HeatmapPanel(string symbol, Matrix<double> m, string xTitle = "unit", string yTitle = "example")
    {
        int r = Math.Min(HeatmapRows, m.RowCount), c = Math.Min(HeatmapColumns, m.ColumnCount);
        var z = new double[r][];
        double largest = 0;
        for (int i = 0; i < r; i++)
        {
            z[i] = new double[c];
            for (int j = 0; j < c; j++)
            {
                z[i][j] = m[i, j];
                if (double.IsFinite(m[i, j])) largest = Math.Max(largest, Math.Abs(m[i, j]));
            }
        }
        if (largest == 0) largest = 1;
        var corner = r < m.RowCount || c < m.ColumnCount ? $", first {r}×{c}" : "";
        return new PanelSpec
        {
            Title = $"{symbol} ({m.RowCount}, {m.ColumnCount}{corner})", XTitle = xTitle, YTitle = yTitle, ReverseY = true,
            Traces = [TraceSpec.Heatmap(z, Labels(c), Labels(r), ColorScales.RdBu) with { ColorRange = new AxisRange(-largest, largest) }],
        };
    }

    private static string[] Labels(int n) => Enumerable.Range(0, n).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
}
