using System.Numerics;
using MathNet.Numerics.LinearAlgebra;

namespace NotebookDL.Losses;

/// <summary>
/// A data loss over a mini-batch of scores (N, C): the mean loss per example and its gradient with respect
/// to the scores (already divided by N), as cs231n's <c>softmax_loss(x, y) -> (loss, dx)</c>. T is the
/// scores' element type, float or double (<c>ILoss</c> is ILoss&lt;double&gt;); the loss itself is a double.
/// </summary>
public interface ILoss<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    string Name { get; }

    /// <summary>The mean loss over the batch and dLoss/dScores (N, C).</summary>
    LossResult<T> Compute(Matrix<T> scores, Targets targets);

    /// <summary>The predicted class per row (argmax for the class losses).</summary>
    int[] Predict(Matrix<T> scores);
}

/// <summary>A loss value and the gradient of that value with respect to the scores.</summary>
public sealed record LossResult<T>(double Loss, Matrix<T> DScores) where T : unmanaged, IFloatingPointIeee754<T>;
