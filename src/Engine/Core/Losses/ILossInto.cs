using System.Numerics;
using MathNet.Numerics.LinearAlgebra;

namespace NotebookDL.Losses;

/// <summary>
/// A built-in loss that writes dScores into a matrix the caller owns (as <c>Ops.MatMulInto</c> writes a
/// product): the network's buffer, reused from one training step to the next, so that computing the loss
/// allocates nothing. The loss itself keeps no state (one instance may serve networks trained in parallel).
/// </summary>
internal interface ILossInto<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>The mean loss over the batch; dLoss/dScores (N, C) overwrites every element of <paramref name="dScores"/>.</summary>
    double ComputeInto(Matrix<T> scores, Targets targets, Matrix<T> dScores);
}
