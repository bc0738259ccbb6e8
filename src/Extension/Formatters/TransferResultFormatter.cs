using System.Globalization;
using NotebookDL.Analysis;
using NotebookDL.Charts.Spec;
using NotebookDL.Training;

namespace NotebookDL.Extension.Formatters;

/// <summary>
/// Transfer learning against training from scratch: a table of the three networks (pretrained on A,
/// transferred to B, B from scratch) with their val accuracy and trained parameters, the verdict, and the
/// task-B curves side by side (cost and val accuracy per epoch), with task A's pretraining beside them.
/// </summary>
public static class TransferResultFormatter
{
    public static string Html(TransferResult r)
    {
        string What(TransferRun run) => run == r.Pretrained
            ? $"task A, {r.TaskAExamples:N0} training examples"
            : $"task B, {r.TaskBExamples:N0} training examples" + (run == r.Transferred
                ? r.Options.Freeze ? $": reused layers frozen, last {r.Options.Replace} Dense layer(s) new" : $": every layer fine-tuned, last {r.Options.Replace} Dense layer(s) new"
                : ": every layer from random weights");
        var rows = new[] { r.Pretrained, r.Transferred, r.Scratch }.Select(run => new[]
        {
            Reports.Html.Encode(run.Name), Reports.Html.Encode(What(run)), Reports.Html.Fixed(run.ValAccuracy, 3),
            run.TrainableParameters.ToString("N0", CultureInfo.InvariantCulture), run.Network.ParameterCount.ToString("N0", CultureInfo.InvariantCulture),
            run.History.Iterations.ToString("N0", CultureInfo.InvariantCulture),
        });
        return Reports.Html.Block(
            Reports.Html.Table(["network", "trained on", "val accuracy", "parameters trained", "parameters", "iterations"], rows,
                Reports.Html.Encode($"val accuracy on each network's own task; task B's val set has {r.TaskBValExamples:N0} examples")),
            Reports.Html.Note(r.Verdict, r.StopMessage is not null ? "warn" : r.Gain > 0.005 ? "ok" : "warn"));
    }

    public static string Text(TransferResult r) => r.ToString();

    /// <summary>Three panels: task A's pretraining accuracy, then on task B the cost and val accuracy of transfer and scratch.</summary>
    public static FigureSpec Figure(TransferResult r)
    {
        static double[] Epochs(TrainingHistory h) => [.. h.Epochs.Select(e => (double)e.Epoch)];
        static double[] Val(TrainingHistory h) => [.. h.Epochs.Select(e => e.ValAccuracy ?? double.NaN)];
        var (xt, yt) = TrainingHistoryFormatter.CostCurve(r.Transferred.History, 1000);
        var (xs, ys) = TrainingHistoryFormatter.CostCurve(r.Scratch.History, 1000);
        return FigureSpec.Grid("transfer learning: task B with reused features against from scratch", 3,
            new PanelSpec
            {
                Title = "task A (pretraining): val accuracy", XTitle = "epoch", YTitle = "accuracy", YRange = new AxisRange(0, 1.02),
                Traces = [TraceSpec.Line("pretrained on A", Epochs(r.Pretrained.History), Val(r.Pretrained.History)) with { Kind = TraceKinds.LinesMarkers, Color = "#7f7f7f" }],
            },
            new PanelSpec
            {
                Title = "task B: cost per iteration", XTitle = "epoch", YTitle = "cost",
                Traces = [TraceSpec.Line("transfer: cost", xt, yt) with { Color = "#2ca02c" }, TraceSpec.Line("from scratch: cost", xs, ys) with { Color = "#d62728" }],
            },
            new PanelSpec
            {
                Title = "task B: val accuracy", XTitle = "epoch", YTitle = "accuracy", YRange = new AxisRange(0, 1.02),
                Traces =
                [
                    TraceSpec.Line("transfer: val accuracy", Epochs(r.Transferred.History), Val(r.Transferred.History)) with { Color = "#2ca02c", Dash = "dot" },
                    TraceSpec.Line("from scratch: val accuracy", Epochs(r.Scratch.History), Val(r.Scratch.History)) with { Color = "#d62728", Dash = "dot" },
                ],
            }) with { Height = 360 };
    }

    public static IReadOnlyList<Chart> Charts(TransferResult r) => [Chart.From(Figure(r))];

    public static string HtmlWithCharts(TransferResult r) => Html(r) + string.Concat(Charts(r).Select(c => c.ToHtml()));
}
