using System.Globalization;
using System.Text;

namespace NotebookDL.Probes;

/// <summary>
/// The result of checking one tensor's gradient: the largest relative error
/// |a - n| / max(1e-8, |a| + |n|) over the checked elements, and where it occurred.
/// </summary>
/// <param name="LayerIndex">Index of the layer in the network (0 for a single layer or a loss).</param>
/// <param name="LayerName">The layer's (or loss's) name.</param>
/// <param name="Parameter">The parameter's name ("W", "b", "gamma", ...), or "x" / "scores" for the input's gradient.</param>
/// <param name="Shape">The tensor's shape, "(rows, cols)".</param>
/// <param name="Checked">How many elements were checked.</param>
/// <param name="Count">How many elements the tensor has.</param>
/// <param name="MaxRelativeError">The largest relative error (NaN when a gradient was not finite).</param>
/// <param name="MaxAbsoluteError">
/// The largest |a - n|. In float64 with h = 1e-5 the centred difference itself is only good to about
/// ulp(cost) / 2h ≈ 1e-11, so an element whose gradient is below ~1e-4 can show a relative error above
/// 1e-7 with an absolute error at that floor: a rounding artefact, not a bug.
/// </param>
/// <param name="WorstRow">Row of the element with the largest error.</param>
/// <param name="WorstColumn">Column of the element with the largest error.</param>
/// <param name="Analytic">The backward pass's gradient at that element.</param>
/// <param name="Numeric">The centred difference at that element.</param>
/// <param name="Threshold">The pass mark.</param>
public sealed record GradientCheckRow(
    int LayerIndex, string LayerName, string Parameter, string Shape, int Checked, int Count,
    double MaxRelativeError, double MaxAbsoluteError, int WorstRow, int WorstColumn, double Analytic, double Numeric, double Threshold)
{
    /// <summary>Below this, a gradient is too small to judge: the centred difference of a float64 cost is only good to about 1e-11.</summary>
    public const double JudgeableGradient = 1e-10;

    /// <summary>The largest |analytic| or |numeric| gradient over the checked elements (infinite when not measured).</summary>
    public double MaxGradient { get; init; } = double.PositiveInfinity;

    /// <summary>
    /// True when every checked gradient, analytic and numeric, is below <see cref="JudgeableGradient"/>: both are zero to
    /// the precision of the check, so agreeing proves nothing (weights of 1e-300 give all-zero gradients).
    /// </summary>
    public bool TooSmallToJudge => MaxGradient < JudgeableGradient;

    /// <summary>True when the largest relative error is below the threshold (false for NaN, and for a tensor too small to judge).</summary>
    public bool Passed => MaxRelativeError < Threshold && !TooSmallToJudge;
}

/// <summary>
/// A gradient check's table: one row per checked tensor and an overall verdict. Its
/// <see cref="ToString"/> prints the table a notebook shows.
/// </summary>
public sealed class GradientCheckReport
{
    public GradientCheckReport(IReadOnlyList<GradientCheckRow> rows, double step, double threshold)
    {
        Rows = rows;
        Step = step;
        Threshold = threshold;
    }

    public IReadOnlyList<GradientCheckRow> Rows { get; }

    /// <summary>The finite-difference step h.</summary>
    public double Step { get; }

    /// <summary>The pass mark on the relative error.</summary>
    public double Threshold { get; }

    /// <summary>True when every tensor passed.</summary>
    public bool Passed => Rows.All(r => r.Passed);

    /// <summary>True when every tensor that did not pass was too small to judge (and there was at least one): nothing failed, nothing was shown.</summary>
    public bool TooSmallToJudge => !Passed && Rows.Where(r => !r.Passed).All(r => r.TooSmallToJudge);

    /// <summary>The largest relative error over all rows (NaN if any row is NaN).</summary>
    public double MaxRelativeError =>
        Rows.Any(r => double.IsNaN(r.MaxRelativeError)) ? double.NaN : Rows.Select(r => r.MaxRelativeError).DefaultIfEmpty(0).Max();

    /// <summary>The row of the named layer and parameter.</summary>
    public GradientCheckRow this[int layerIndex, string parameter] =>
        Rows.FirstOrDefault(r => r.LayerIndex == layerIndex && r.Parameter == parameter)
        ?? throw new KeyNotFoundException($"no row for layer {layerIndex}, parameter '{parameter}'");

    public override string ToString()
    {
        var c = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine(c, $"gradient check: h = {Step:G3}, pass if max relative error < {Threshold:G3}");
        sb.AppendLine(c, $"{"layer",-28} {"param",-6} {"shape",-12} {"checked",9} {"max rel. error",15} {"max abs. error",15}  result  worst element: analytic vs numeric");
        foreach (var r in Rows)
        {
            var layer = $"{r.LayerIndex} {r.LayerName}";
            if (layer.Length > 28) layer = layer[..27] + "…";
            sb.AppendLine(c, $"{layer,-28} {r.Parameter,-6} {r.Shape,-12} {r.Checked,9} {r.MaxRelativeError,15:E2} {r.MaxAbsoluteError,15:E2}  {(r.Passed ? "pass  " : r.TooSmallToJudge ? "?     " : "FAIL  ")}  ({r.WorstRow}, {r.WorstColumn}): {r.Analytic,11:E4} vs {r.Numeric,11:E4}");
        }
        sb.Append(c, $"overall: {(Passed ? "pass" : TooSmallToJudge ? "too small to judge" : "FAIL")} (max relative error {MaxRelativeError:E2})");
        return sb.ToString();
    }
}
