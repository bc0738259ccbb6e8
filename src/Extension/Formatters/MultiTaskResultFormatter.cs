using System.Globalization;
using NotebookDL.Analysis;
using NotebookDL.Charts.Spec;

namespace NotebookDL.Extension.Formatters;

/// <summary>
/// Multi-task learning against separate networks: per task the share of training labels present and the val
/// accuracy of the shared network and of its own network; the parameters each side needs; the verdict; the
/// mean val accuracy per epoch side by side and the per-task accuracies as bars.
/// </summary>
public static class MultiTaskResultFormatter
{
    public static string Html(MultiTaskResult r)
    {
        var rows = r.Tasks.Select((t, k) => new[]
        {
            Reports.Html.Encode(t), Reports.Html.Percent(r.PresentShare[k], 0),
            Reports.Html.Fixed(r.Joint.ValAccuracy[k], 3), Reports.Html.Fixed(r.Separate[k].ValAccuracy[0], 3),
        }).ToList();
        rows.Add(["<b>mean</b>", "", $"<b>{Reports.Html.Fixed(r.JointMeanAccuracy, 3)}</b>", $"<b>{Reports.Html.Fixed(r.SeparateMeanAccuracy, 3)}</b>"]);
        rows.Add(["parameters", "", N(r.Joint.Parameters), N(r.SeparateParameters)]);
        return Reports.Html.Block(
            Reports.Html.Table(["task", "train labels present", "one network, all tasks", "one network per task"], rows,
                Reports.Html.Encode($"val accuracy on the present labels; {r.TrainCount:N0} training examples, {r.ValCount:N0} val examples; missing labels (\"?\") are left out of the loss")),
            Reports.Html.Note(r.Verdict, r.StopMessage is null ? "ok" : "warn"));
    }

    public static string Text(MultiTaskResult r) => r.ToString();

    /// <summary>Mean val accuracy per epoch (shared vs separate), and per-task accuracy as bars.</summary>
    public static FigureSpec Figure(MultiTaskResult r)
    {
        int epochs = Math.Max(r.Joint.Curve.Count, r.Separate.Max(s => s.Curve.Count));
        double[] x = [.. Enumerable.Range(1, epochs).Select(e => (double)e)];
        double[] joint = [.. Enumerable.Range(0, epochs).Select(e => e < r.Joint.Curve.Count ? r.Joint.Curve[e].Average() : double.NaN)];
        double[] separate = [.. Enumerable.Range(0, epochs).Select(e =>
            r.Separate.All(s => e < s.Curve.Count) ? r.Separate.Average(s => s.Curve[e][0]) : double.NaN)];
        string[] tasks = [.. r.Tasks];
        return FigureSpec.Grid("multi-task learning: one network with a sigmoid output per task against one network per task", 2,
            new PanelSpec
            {
                Title = "mean val accuracy over the tasks", XTitle = "epoch", YTitle = "accuracy", YRange = new AxisRange(0, 1.02),
                Traces =
                [
                    TraceSpec.Line("one network: mean per epoch", x, joint) with { Kind = TraceKinds.LinesMarkers, Color = "#2ca02c" },
                    TraceSpec.Line("separate networks: mean per epoch", x, separate) with { Kind = TraceKinds.LinesMarkers, Color = "#1f77b4" },
                ],
            },
            new PanelSpec
            {
                Title = "val accuracy per task", XTitle = "task", YTitle = "accuracy", YRange = new AxisRange(0, 1.02),
                Traces =
                [
                    TraceSpec.Bars("one network: final, per task", tasks, r.Joint.ValAccuracy) with { Color = "#2ca02c" },
                    TraceSpec.Bars("separate networks: final, per task", tasks, [.. r.Separate.Select(s => s.ValAccuracy[0])]) with { Color = "#1f77b4" },
                ],
            }) with { Height = 360 };
    }

    public static IReadOnlyList<Chart> Charts(MultiTaskResult r) => [Chart.From(Figure(r))];

    public static string HtmlWithCharts(MultiTaskResult r) => Html(r) + string.Concat(Charts(r).Select(c => c.ToHtml()));

    private static string N(int v) => v.ToString("N0", CultureInfo.InvariantCulture);
}
