using System.Globalization;
using System.Text;

namespace NotebookDL.Probes;

/// <summary>
/// One parameter's gradient after a backward pass and the size of the step plain SGD would take:
/// update ratio = ‖lr·dW‖ / ‖W‖ (Frobenius norms). The lecture's rule of thumb: about 1e-3 is healthy;
/// much lower and the learning rate is too small, much higher and it is too large.
/// </summary>
/// <param name="LayerIndex">Index of the layer in the network.</param>
/// <param name="LayerName">The layer's name.</param>
/// <param name="Parameter">"W", "b", "gamma", "beta", "alpha".</param>
/// <param name="Shape">"(rows, cols)".</param>
/// <param name="GradMean">Mean of dW's elements.</param>
/// <param name="GradStd">Standard deviation (population) of dW's elements.</param>
/// <param name="GradNorm">‖dW‖.</param>
/// <param name="WeightNorm">‖W‖.</param>
/// <param name="UpdateRatio">lr·‖dW‖ / ‖W‖ (∞ for a zero tensor with a gradient, NaN when both are zero).</param>
public sealed record GradientStatsRow(
    int LayerIndex, string LayerName, string Parameter, string Shape,
    double GradMean, double GradStd, double GradNorm, double WeightNorm, double UpdateRatio);

/// <summary>Gradient statistics of one training step, one row per parameter.</summary>
public sealed class GradientStatsReport(double learningRate, double cost, IReadOnlyList<GradientStatsRow> rows)
{
    /// <summary>The lecture's healthy update-to-weight ratio, about 1e-3.</summary>
    public const double HealthyUpdateRatio = 1e-3;

    public double LearningRate { get; } = learningRate;

    /// <summary>The cost (data loss + regularisation) of the batch the gradients came from.</summary>
    public double Cost { get; } = cost;

    public IReadOnlyList<GradientStatsRow> Rows { get; } = rows;

    public override string ToString()
    {
        var c = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine(c, $"gradients of one step: cost {Cost:G5}, lr {LearningRate:G3} (update/weight ≈ 1e-3 is healthy)");
        sb.AppendLine(c, $"{"layer",-24} {"param",-6} {"shape",-11} {"grad mean",11} {"grad std",10} {"|grad|",10} {"|W|",10} {"update/W",10}");
        foreach (var r in Rows)
        {
            var layer = $"{r.LayerIndex} {r.LayerName}";
            if (layer.Length > 24) layer = layer[..23] + "…";
            sb.AppendLine(c, $"{layer,-24} {r.Parameter,-6} {r.Shape,-11} {r.GradMean,11:E2} {r.GradStd,10:E2} {r.GradNorm,10:E2} {r.WeightNorm,10:E2} {r.UpdateRatio,10:E2}");
        }
        return sb.ToString().TrimEnd();
    }
}
