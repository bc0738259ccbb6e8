using MathNet.Numerics.LinearAlgebra;

namespace NotebookDL.Training;

/// <summary>
/// What the optimiser did to one parameter at the end of a mini-batch: W := W − α·dW for plain SGD (momentum,
/// RMSprop and Adam change the step, not the idea). The babysitting number is the update-to-weight ratio
/// ‖ΔW‖/‖W‖: about 1e-3 is healthy, far below the weights barely move, far above they are thrown around.
/// </summary>
/// <param name="Layer">l, the lecture layer the parameter belongs to.</param>
/// <param name="Name">"W", "b", "gamma", "beta", "alpha".</param>
/// <param name="Symbol">The lecture's symbol, e.g. "W[1]".</param>
/// <param name="Applied">False when the parameter is frozen or the run stopped before this update (it diverged).</param>
/// <param name="Before">W before the update (a copy): the value the batch's forward pass used.</param>
/// <param name="Update">ΔW = W_after − W_before (a copy), or null when not applied.</param>
/// <param name="GradientNorm">‖dW‖.</param>
/// <param name="UpdateNorm">‖ΔW‖ (0 when not applied).</param>
/// <param name="WeightNorm">‖W‖ before the update.</param>
public sealed record ParameterUpdate(int Layer, string Name, string Symbol, bool Applied, Matrix<double> Before, Matrix<double>? Update,
    double GradientNorm, double UpdateNorm, double WeightNorm)
{
    /// <summary>The lecture's healthy update-to-weight ratio.</summary>
    public const double HealthyRatio = 1e-3;

    /// <summary>‖ΔW‖ / ‖W‖; NaN when W is all zeros (a bias or beta at the start) or nothing was applied.</summary>
    public double Ratio => Applied && WeightNorm > 0 ? UpdateNorm / WeightNorm : double.NaN;

    /// <summary>"W[1] (64, 16): |dW[1]| 1.01, |ΔW[1]| 0.101, |W[1]| 5.83, update/weight 0.0173".</summary>
    public override string ToString() =>
        $"{Symbol} ({Before.RowCount}, {Before.ColumnCount}): |d{Symbol}| {Probes.TensorSummary.Number(GradientNorm)}, " +
        $"|Δ{Symbol}| {Probes.TensorSummary.Number(UpdateNorm)}, |{Symbol}| {Probes.TensorSummary.Number(WeightNorm)}, " +
        $"update/weight {RatioText}" + (Applied ? "" : " (not applied)");

    // A parameter that starts at 0 (b, β) has no ratio yet: say why rather than print NaN.
    private string RatioText => !double.IsNaN(Ratio) ? Probes.TensorSummary.Number(Ratio) : Applied ? $"– (|{Symbol}| was 0)" : "–";
}
