using MathNet.Numerics.LinearAlgebra;

namespace NotebookDL.Losses;

/// <summary>
/// A data loss over a mini-batch of scores (N, C): the mean loss per example and its gradient with respect
/// to the scores (already divided by N), as cs231n's <c>softmax_loss(x, y) -> (loss, dx)</c>.
/// </summary>
public interface ILoss
{
    string Name { get; }

    /// <summary>The mean loss over the batch and dLoss/dScores (N, C).</summary>
    LossResult Compute(Matrix<double> scores, Targets targets);

    /// <summary>The predicted class per row (argmax for the class losses).</summary>
    int[] Predict(Matrix<double> scores);
}

/// <summary>A loss value and the gradient of that value with respect to the scores.</summary>
public sealed record LossResult(double Loss, Matrix<double> DScores);
