using MathNet.Numerics.LinearAlgebra;
using NotebookDL.Tensors;

namespace NotebookDL.Losses;

/// <summary>
/// Softmax cross-entropy: L = -(1/N) Σ_i log softmax(s_i)[y_i], computed with log-sum-exp so that any
/// finite scores give a finite loss; dScores = (Y_hat - Y) / N (the lecture's dZ[L] = Y_hat - Y, averaged
/// over the batch).
/// </summary>
public sealed class SoftmaxCrossEntropy : ILoss, ILossInto
{
    public string Name => "softmax cross-entropy";

    public LossResult Compute(Matrix<double> scores, Targets targets)
    {
        var dScores = Mat.Uninitialized(scores.RowCount, scores.ColumnCount); // every element is written
        double loss = Compute(scores, targets, dScores);
        return new LossResult(loss, dScores);
    }

    double ILossInto.ComputeInto(Matrix<double> scores, Targets targets, Matrix<double> dScores) => Compute(scores, targets, dScores);

    private double Compute(Matrix<double> scores, Targets targets, Matrix<double> dScores)
    {
        var y = targets.RequireClasses(Name);
        int n = scores.RowCount, c = scores.ColumnCount;
        LossChecks.Classes(y, n, c, Name);
        // The log-probabilities go into the gradient's matrix, which then becomes (softmax - onehot) / N.
        Softmax.LogRowsInto(scores, dScores);
        var lp = dScores.Data();
        double loss = 0;
        for (int i = 0; i < n; i++) loss -= lp[y[i] * n + i];
        for (int k = 0; k < lp.Length; k++) lp[k] = Math.Exp(lp[k]) / n;
        for (int i = 0; i < n; i++) lp[y[i] * n + i] -= 1.0 / n;
        return loss / n;
    }

    public int[] Predict(Matrix<double> scores) => Softmax.ArgmaxRows(scores);
}
