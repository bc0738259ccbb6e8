using System.Globalization;
using MathNet.Numerics.LinearAlgebra;
using NotebookDL.Charts.Spec;
using NotebookDL.Probes;
using NotebookDL.Training;

namespace NotebookDL.Extension.Formatters;

/// <summary>
/// One mini-batch of a training session: which batch, the cost, every parameter's update W := W − α·dW with its
/// update-to-weight ratio, the loss step (Ŷ, Y and dZ[L] = (Ŷ − Y)/m for the first examples), every layer's
/// intermediates (folded away), and histograms of each layer's activations and gradients.
/// </summary>
public static class StepRecordFormatter
{
    /// <summary>Examples of the batch shown row by row at the loss step.</summary>
    public const int LossExamples = 2;

    /// <summary>The whole record with its histograms inline: what a C# cell returning it shows.</summary>
    public static string Html(StepRecord r) => Reports.Html.Block(
        Reports.Html.Heading(Heading(r)),
        CostLine(r),
        r.Updates.Count > 0 ? UpdatesTable(r, null) : null,
        Intermediates(r, open: r.Updates.Count == 0),
        r.Layers.Any(l => l.ForwardDone) ? Chart.From(HistogramFigure(r)).ToHtml() : null);

    public static string Text(StepRecord r) => r.ToString();

    /// <summary>"iteration 3 (epoch 1 / 10, batch 3 of 8): m = 200 examples, α = 0.001".</summary>
    public static string Heading(StepRecord r) =>
        $"iteration {r.Iteration} (epoch {r.Epoch} / {r.Epochs}, batch {r.Batch} of {r.BatchesPerEpoch}): m = {r.BatchSize} examples, α = {Reports.Html.Num(r.LearningRate)}";

    /// <summary>"cost J = 2.3026 (data loss 2.3026 + regularisation 0)", or null before the loss step.</summary>
    public static string? CostLine(StepRecord r) => double.IsNaN(r.DataLoss) ? null
        : $"<div>cost J = <b>{Reports.Html.Fixed(r.Cost, 4)}</b> (data loss {Reports.Html.Fixed(r.DataLoss, 4)} + regularisation {Reports.Html.Num(r.RegularizationLoss)})</div>";

    /// <summary>Every parameter's update: norms of the gradient, of the update and of the value, and the ratio.</summary>
    public static string UpdatesTable(StepRecord r, string? optimizer)
    {
        var rows = r.Updates.Select(u => new[]
        {
            $"<b>{Reports.Html.Encode(u.Symbol)}</b>", $"({u.Before.RowCount}, {u.Before.ColumnCount})",
            Reports.Html.Num(u.GradientNorm, 3), u.Applied ? Reports.Html.Num(u.UpdateNorm, 3) : "not applied",
            Reports.Html.Num(u.WeightNorm, 3), GlanceFormatter.Ratio(u.Ratio),
        });
        var rule = optimizer is null or "sgd"
            ? $"the update W := W − α·dW with α = {Reports.Html.Num(r.LearningRate)}"
            : $"the update by {optimizer} (α = {Reports.Html.Num(r.LearningRate)}): ΔW follows the optimiser's running averages of dW";
        return Reports.Html.Table(["parameter", "shape", "‖dW‖", "‖ΔW‖", "‖W‖ before", "update / weight"], rows,
            Reports.Html.Encode(rule + "; ‖ΔW‖/‖W‖ ≈ 1e-3 is healthy"));
    }

    /// <summary>The loss step: the scores, Ŷ and dZ[L] summarised, and the first examples row by row.</summary>
    public static string LossTables(StepRecord r)
    {
        var output = r.Layers[^1];
        var tensors = new List<RecordedTensor>();
        if (r.Scores is not null) tensors.Add(r.Scores);
        if (r.Probabilities is not null) tensors.Add(r.Probabilities);
        if (r.DScores is not null) tensors.Add(r.DScores);
        var summary = LayerRecordFormatter.Table(output, tensors, "the loss: scores, predictions and the gradient that starts backprop");
        if (r.DScores is null) return summary;
        int classes = r.DScores.Value.ColumnCount, shown = Math.Min(LossExamples, r.BatchSize);
        var headers = new List<string> { "example", "" };
        headers.AddRange(Enumerable.Range(0, Math.Min(classes, 12)).Select(k => k.ToString(CultureInfo.InvariantCulture)));
        var rows = new List<IEnumerable<string>>();
        for (int i = 0; i < shown; i++)
        {
            var label = $"#{r.Rows[i]}" + (r.Y.Classes is int[] y ? $" (y = {y[i]})" : "");
            if (r.Probabilities is not null) rows.Add(Row(label, "ŷ", r.Probabilities.Value, i, classes));
            rows.Add(Row(i == 0 && r.Probabilities is null ? label : "", "y", Targets(r), i, classes));
            rows.Add(Row("", r.DScores.Symbol + " × m", r.DScores.Value * r.BatchSize, i, classes));
        }
        return summary + Reports.Html.Table(headers, rows,
            Reports.Html.Encode($"the first {shown} examples: dZ[L] × m = Ŷ − Y (each row of dZ[L] is divided by m = {r.BatchSize})"));
    }

    /// <summary>Every layer's intermediates in one folded section (open for a batch part-way through).</summary>
    public static string Intermediates(StepRecord r, bool open)
    {
        var parts = r.Layers.Where(l => l.Forward.Count + l.Backward.Count > 0)
            .Select(l => LayerRecordFormatter.Table(l, l.Forward.Concat(l.Backward))).ToList();
        if (r.Scores is not null) parts.Add(LossTables(r));
        if (parts.Count == 0) return "";
        int count = r.Layers.Sum(l => l.Forward.Count + l.Backward.Count);
        return $"<details{(open ? " open" : "")}><summary>every intermediate of this batch ({count} tensors, each a copy taken at its step)</summary>" +
               string.Concat(parts) + "</details>";
    }

    /// <summary>Histograms of each hidden layer's A, the scores Z[L], and each layer's dZ, as far as the batch got.</summary>
    public static FigureSpec HistogramFigure(StepRecord r, int bins = 30)
    {
        var panels = new List<(string, double[], double[])>();
        foreach (var l in r.Layers)
            if ((l.IsOutput ? l.Get("Z") : l.Get("A") ?? l.Forward.LastOrDefault()) is { } a) panels.Add(Histogram(a, bins));
        foreach (var l in r.Layers)
            if (l.Get("dZ") is { } dz) panels.Add(Histogram(dz, bins));
        int columns = Math.Min(4, Math.Max(1, r.Layers.Count));
        int rows = (panels.Count + columns - 1) / columns;
        return FigureSpec.Histograms($"iteration {r.Iteration}: activations (top) and gradients dZ (bottom) of each layer", "value", [.. panels])
            with { Columns = columns, Height = 80 + 200 * Math.Max(1, rows) };
    }

    /// <summary>Heatmaps of Ŷ, Y and dZ[L] for the first examples: the lecture's dZ[L] = Ŷ − Y.</summary>
    public static FigureSpec LossFigure(StepRecord r)
    {
        var panels = new List<PanelSpec>();
        if (r.Probabilities is not null) panels.Add(LayerRecordFormatter.HeatmapPanel(r.Probabilities, "class"));
        panels.Add(LayerRecordFormatter.HeatmapPanel("Y", Targets(r), "class"));
        if (r.DScores is not null) panels.Add(LayerRecordFormatter.HeatmapPanel($"{r.DScores.Symbol} = {r.DScores.Formula}", r.DScores.Value, "class"));
        return FigureSpec.Grid($"the loss of iteration {r.Iteration}: predictions, targets and the gradient that starts backprop", panels.Count, [.. panels])
            with { Height = 330 };
    }

    /// <summary>The update-to-weight ratio of every parameter on a log axis.</summary>
    public static FigureSpec UpdateFigure(StepRecord r)
    {
        var applied = r.Updates.Where(u => double.IsFinite(u.Ratio) && u.Ratio > 0).ToList();
        var names = applied.Select(u => u.Symbol).ToArray();
        return new FigureSpec
        {
            Title = $"update / weight ‖ΔW‖/‖W‖ of iteration {r.Iteration} (about 1e-3 is healthy)",
            ShowLegend = false,
            Panels =
            [
                new PanelSpec
                {
                    XTitle = "parameter", YTitle = "‖ΔW‖ / ‖W‖", LogY = true,
                    Traces = names.Length == 0
                        ? [TraceSpec.Bars("no ratio (all zero)", ["–"], [1e-3])]
                        : [TraceSpec.Bars("update / weight", names, applied.Select(u => u.Ratio).ToArray())],
                },
            ],
        };
    }

    private static (string, double[], double[]) Histogram(RecordedTensor t, int bins)
    {
        double lo = t.Summary.Min, hi = t.Summary.Max;
        if (!double.IsFinite(lo) || !double.IsFinite(hi)) (lo, hi) = (-1, 1);
        if (!(hi > lo)) (lo, hi) = (lo - 0.5, hi + 0.5);
        var h = Probes.Histogram.Of(NotebookDL.Tensors.Mat.Data(t.Value), lo, hi, bins);
        return (t.Symbol, Enumerable.Range(0, h.Bins).Select(h.BinCenter).ToArray(), h.Counts.Select(c => (double)c).ToArray());
    }

    /// <summary>Y as a matrix (m, C): one-hot rows for classes, the labels (NaN = missing) for multi-label targets.</summary>
    private static Matrix<double> Targets(StepRecord r)
    {
        if (r.Y.Labels is { } labels) return labels;
        int classes = r.DScores?.Value.ColumnCount ?? r.Layers[^1].Units;
        var y = Matrix<double>.Build.Dense(r.BatchSize, classes);
        for (int i = 0; i < r.BatchSize; i++) y[i, r.Y.Classes![i]] = 1;
        return y;
    }

    private static IEnumerable<string> Row(string example, string what, Matrix<double> m, int i, int classes)
    {
        var cells = new List<string> { example, $"<b>{Reports.Html.Encode(what)}</b>" };
        cells.AddRange(Enumerable.Range(0, Math.Min(classes, 12)).Select(k => Reports.Html.Fixed(m[i, k], 3)));
        return cells;
    }
}
