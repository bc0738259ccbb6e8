using MathNet.Numerics.LinearAlgebra;
using NotebookDL.Layers;
using NotebookDL.Tensors;
using NotebookDL.Training;

namespace NotebookDL.Probes;

/// <summary>
/// A batch-norm layer's running mean and variance (what test mode uses) next to one mini-batch's mean and
/// variance (what training mode uses), per unit. After training they should agree closely: the running
/// averages are exponential averages of the batch statistics.
/// <code>
/// var s = BatchStatistics.OfFirstBatchNorm(net, digits.Take(100).X);
/// Console.WriteLine(s.RunningMean[0] - s.BatchMean[0]);   // small after a few epochs
/// </code>
/// </summary>
/// <param name="RunningMean">The running mean per unit.</param>
/// <param name="RunningVariance">The running variance per unit.</param>
/// <param name="BatchMean">The mini-batch's mean per unit.</param>
/// <param name="BatchVariance">The mini-batch's variance per unit.</param>
/// <param name="BatchSize">Examples in the mini-batch.</param>
public sealed record BatchStatistics(double[] RunningMean, double[] RunningVariance, double[] BatchMean, double[] BatchVariance, int BatchSize)
{
    /// <summary>
    /// The first <see cref="BatchNorm"/> layer of <paramref name="net"/>: its running statistics, and those of
    /// <paramref name="batch"/> (N, D) from a training-mode pass whose side effects (the running averages
    /// moving, dropout's draws) are undone.
    /// </summary>
    public static BatchStatistics OfFirstBatchNorm(Network net, Matrix<double> batch)
    {
        ArgumentNullException.ThrowIfNull(net);
        ArgumentNullException.ThrowIfNull(batch);
        var bn = net.Layers.OfType<BatchNorm>().FirstOrDefault() ?? throw new ArgumentException("the network has no batch-norm layer", nameof(net));
        var snapshot = net.Snapshot();
        var runningMean = bn.RunningMean.Data().ToArray();
        var runningVariance = bn.RunningVariance.Data().ToArray();
        try
        {
            net.Forward(batch, Mode.Train);
            return new BatchStatistics(runningMean, runningVariance, bn.LastMean!.Data().ToArray(), bn.LastVariance!.Data().ToArray(), batch.RowCount);
        }
        finally
        {
            net.Restore(snapshot);
        }
    }
}
