using NotebookDL.Charts.Spec;
using NotebookDL.Extension.Commands;
using NotebookDL.Probes;
using NotebookDL.Training;

namespace NotebookDL.Extension.Formatters;

/// <summary>A net trained without and with batch norm: a table of both runs, their curves, the activation spread and the running statistics.</summary>
public static class BatchNormComparisonFormatter
{
    /// <summary>Final cost, train and val accuracy and how each run stopped, with the summary and <paramref name="detail"/>.</summary>
    public static string Html(BatchNormComparison c, string detail) => Reports.Html.Block(
        Reports.Html.Table(["", "final cost", "train acc", "val acc", "stopped"],
        [
            Row("without batch norm", c.Plain.History),
            Row("with batch norm", c.Normalized.History),
        ]),
        Reports.Html.Note(c.Summary(), "ok"),
        Reports.Html.Detail(detail));

    private static string[] Row(string label, TrainingHistory h)
    {
        var last = h.Epochs.LastOrDefault();
        return
        [
            label, Reports.Html.Fixed(h.Costs.LastOrDefault(), 4),
            last?.TrainAccuracy is double t ? Reports.Html.Fixed(t, 3) : "", last?.ValAccuracy is double v ? Reports.Html.Fixed(v, 3) : "",
            h.StopReason == StopReason.Completed ? "completed" : Reports.Html.Encode(h.StopMessage),
        ];
    }

    /// <summary>Cost per iteration and validation accuracy per epoch of both runs.</summary>
    public static FigureSpec CurvesFigure(BatchNormComparison c)
    {
        var (plain, normalised) = (c.Plain, c.Normalized);
        var (xa, ya) = TrainingHistoryFormatter.CostCurve(plain.History, 1000);
        var (xb, yb) = TrainingHistoryFormatter.CostCurve(normalised.History, 1000);
        double[] Epochs(TrainingHistory h) => h.Epochs.Select(e => (double)e.Epoch).ToArray();
        double[] Val(TrainingHistory h) => h.Epochs.Select(e => e.ValAccuracy ?? e.TrainAccuracy ?? double.NaN).ToArray();
        var cost = new PanelSpec
        {
            Title = "cost per iteration", XTitle = "epoch", YTitle = "cost",
            Traces = [TraceSpec.Line("without BN", xa, ya), TraceSpec.Line("with BN", xb, yb)],
        };
        // A run stopped within its first epoch has no accuracy to draw.
        var accuracy = new[] { ("without BN", plain.History), ("with BN", normalised.History) }
            .Where(r => r.Item2.Epochs.Count > 0)
            .Select(r => TraceSpec.Line(r.Item1, Epochs(r.Item2), Val(r.Item2)) with { Kind = TraceKinds.LinesMarkers })
            .ToArray();
        if (accuracy.Length == 0) return new FigureSpec { Title = "training without and with batch norm", Panels = [cost], Height = 360 };
        return FigureSpec.Grid("training without and with batch norm", 2,
            cost,
            new PanelSpec
            {
                Title = "validation accuracy", XTitle = "epoch", YTitle = "accuracy", YRange = new AxisRange(0, 1.02), Traces = accuracy,
            }) with { Height = 360 };
    }

    /// <summary>The std of each hidden layer's activations after training, both runs (log scale).</summary>
    public static FigureSpec SpreadFigure(BatchNormComparison c)
    {
        double[] Layers(ActivationReport r) => Enumerable.Range(1, r.Rows.Count).Select(i => (double)i).ToArray();
        return new FigureSpec
        {
            Title = "spread of each hidden layer's activations after training (std, validation data)",
            Height = 340,
            Panels =
            [
                new PanelSpec
                {
                    XTitle = "hidden layer", YTitle = "std of activations", LogY = true,
                    Traces =
                    [
                        TraceSpec.Line("without BN", Layers(c.PlainActivations), c.PlainActivations.Rows.Select(r => r.Std).ToArray()) with { Kind = TraceKinds.LinesMarkers },
                        TraceSpec.Line("with BN", Layers(c.NormalizedActivations), c.NormalizedActivations.Rows.Select(r => r.Std).ToArray()) with { Kind = TraceKinds.LinesMarkers },
                    ],
                },
            ],
        };
    }

    /// <summary>The first batch-norm layer's running mean and variance against one mini-batch's, unit by unit.</summary>
    public static FigureSpec RunningFigure(BatchNormComparison c)
    {
        var s = c.FirstLayerStatistics;
        double lo(double[] a, double[] b) => Math.Min(a.Min(), b.Min());
        double hi(double[] a, double[] b) => Math.Max(a.Max(), b.Max());
        TraceSpec Diagonal(double[] a, double[] b) =>
            TraceSpec.Line("y = x", [lo(a, b), hi(a, b)], [lo(a, b), hi(a, b)]) with { Dash = "dash", Color = "#999" };
        return FigureSpec.Grid($"first batch-norm layer: running averages (used at test time) vs one mini-batch of {s.BatchSize}", 2,
            new PanelSpec
            {
                Title = "mean per unit", XTitle = "running mean", YTitle = "batch mean",
                Traces = [TraceSpec.Points("units", s.RunningMean, s.BatchMean), Diagonal(s.RunningMean, s.BatchMean)],
            },
            new PanelSpec
            {
                Title = "variance per unit", XTitle = "running variance", YTitle = "batch variance",
                Traces = [TraceSpec.Points("units", s.RunningVariance, s.BatchVariance), Diagonal(s.RunningVariance, s.BatchVariance)],
            }) with { Height = 360, ShowLegend = false };
    }
}
