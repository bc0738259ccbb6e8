using System.Globalization;
using NotebookDL.Probes;

namespace NotebookDL.Extension.Formatters;

/// <summary>
/// A gradient check as cs231n reads it: per tensor the largest relative error |a − n| / max(1e-8, |a| + |n|)
/// against the pass mark (1e-7 in float64), green or red, and the overall verdict.
/// </summary>
public static class GradientCheckReportFormatter
{
    /// <summary>Below this absolute error a failed element is float64 rounding of the cost, not a bug (see <see cref="GradientCheckRow.MaxAbsoluteError"/>).</summary>
    public const double RoundingFloor = 1e-8;

    public static string Html(GradientCheckReport report)
    {
        var rows = report.Rows.Select(r => new[]
        {
            Reports.Html.Encode($"{r.LayerIndex} {r.LayerName}"),
            Reports.Html.Code(r.Parameter),
            r.Shape,
            r.Checked == r.Count ? r.Count.ToString("N0", CultureInfo.InvariantCulture) : $"{r.Checked:N0} of {r.Count:N0}",
            "<b>" + Scientific(r.MaxRelativeError) + "</b>",
            Scientific(r.MaxAbsoluteError),
            r.TooSmallToJudge ? "<span style=\"color:#b06000;font-weight:bold\">too small to judge</span>" : Verdict(r.Passed),
            $"({r.WorstRow}, {r.WorstColumn}): {Scientific(r.Analytic, 4)} vs {Scientific(r.Numeric, 4)}",
        });
        return Reports.Html.Block(
            Reports.Html.Heading($"gradient check: centred differences with h = {Scientific(report.Step, 0)}"),
            Reports.Html.Table(["layer", "param", "shape", "checked", "max relative error", "max absolute error",
                    $"&lt; {Scientific(report.Threshold, 0)}?", "worst element: analytic vs numeric"], rows),
            Reports.Html.Note(Overall(report), report.Passed ? "ok" : OnlyRounding(report) || report.TooSmallToJudge ? "warn" : "bad"),
            Reports.Html.Detail("relative error = |a − n| / max(1e-8, |a| + |n|), a = backprop's gradient, n = (f(x + h) − f(x − h)) / 2h; " +
                                   "in float64 a correct backward pass gives about 1e-7 or less, 1e-2 or more means a bug."));
    }

    public static string Text(GradientCheckReport report) => report + "\n" + Overall(report);

    private static string Overall(GradientCheckReport report)
    {
        int failed = report.Rows.Count(r => !r.Passed && !r.TooSmallToJudge);
        var max = Scientific(report.MaxRelativeError);
        if (report.Passed)
            return $"PASS: all {report.Rows.Count} tensors agree with the numerical gradient (max relative error {max} < {Scientific(report.Threshold, 0)})";
        if (report.TooSmallToJudge)
            return $"TOO SMALL TO JUDGE: {report.Rows.Count(r => r.TooSmallToJudge)} of {report.Rows.Count} tensors have every checked gradient below " +
                   $"{Scientific(GradientCheckRow.JudgeableGradient, 0)}, where the centred difference is rounding noise: both sides are 0, which proves nothing " +
                   "(the weights are far too small: try a larger --init)";
        var verdict = $"FAIL: {failed} of {report.Rows.Count} tensors above {Scientific(report.Threshold, 0)} (max relative error {max})";
        return OnlyRounding(report)
            ? verdict + $"; but every failing tensor's absolute error is below {Scientific(RoundingFloor, 0)}: elements with tiny gradients, " +
              "where float64 rounding of the cost dominates the centred difference, not a bug in backprop"
            : verdict;
    }

    private static bool OnlyRounding(GradientCheckReport report) =>
        !report.Passed && !report.TooSmallToJudge && report.Rows.Where(r => !r.Passed && !r.TooSmallToJudge).All(r => r.MaxAbsoluteError < RoundingFloor);

    private static string Verdict(bool passed) => passed
        ? "<span style=\"color:#2e7d32;font-weight:bold\">pass</span>"
        : "<span style=\"color:#d93025;font-weight:bold\">FAIL</span>";

    /// <summary>1.23e-9 style (relative errors span many decades).</summary>
    public static string Scientific(double v, int decimals = 2) =>
        double.IsFinite(v) ? v.ToString((decimals == 0 ? "0" : "0." + new string('0', decimals)) + "e+0", CultureInfo.InvariantCulture) : Reports.Html.Num(v);
}
