using MathNet.Numerics.LinearAlgebra;
using NotebookDL.Losses;
using NotebookDL.Tensors;
using NotebookDL.Training;

namespace NotebookDL.Probes;

/// <summary>
/// Babysitting probe: the gradients of one training step, per parameter, and the update-to-weight ratio
/// ‖lr·dW‖ / ‖W‖ that plain SGD with this learning rate would produce (the lecture: ~1e-3 is healthy).
/// </summary>
public static class GradientStats
{
    /// <summary>
    /// Computes the gradients of the cost on the batch (x (N, D), y) in training mode and reports them.
    /// The weights are not updated; batch norm's running averages are put back, so the only trace left is
    /// the gradients themselves (and dropout's advanced random source).
    /// </summary>
    public static GradientStatsReport Of(Network net, Matrix<double> x, Targets y, double learningRate)
    {
        ArgumentNullException.ThrowIfNull(net);
        if (!(learningRate > 0) || !double.IsFinite(learningRate))
            throw new ArgumentOutOfRangeException(nameof(learningRate), $"learning rate must be a finite positive number, got {learningRate}");
        var snapshot = net.Snapshot();
        CostBreakdown cost;
        try
        {
            cost = net.ComputeGradients(x, y, Mode.Train);
        }
        finally
        {
            net.Restore(snapshot);
        }

        var rows = new List<GradientStatsRow>();
        for (int l = 0; l < net.Layers.Count; l++)
        {
            var layer = net.Layers[l];
            foreach (var p in layer.Parameters)
            {
                var g = p.Grad.Data();
                var w = p.Value.Data();
                double mean = Ops.Sum(g) / g.Length;
                double squares = 0;
                foreach (var v in g) squares += (v - mean) * (v - mean);
                double gradNorm = Math.Sqrt(Ops.Dot(g, g));
                double weightNorm = Math.Sqrt(Ops.Dot(w, w));
                rows.Add(new GradientStatsRow(l, layer.Name, p.Name, p.Value.Shape(), mean, Math.Sqrt(squares / g.Length),
                    gradNorm, weightNorm, learningRate * gradNorm / weightNorm));
            }
        }
        return new GradientStatsReport(learningRate, cost.Cost, rows);
    }
}
