using System.Numerics;
using MathNet.Numerics.LinearAlgebra;
using NotebookDL.Tensors;

namespace NotebookDL.Losses;

/// <summary>
/// Softmax cross-entropy: L = -(1/N) Σ_i log softmax(s_i)[y_i], computed with log-sum-exp so that any
/// finite scores give a finite loss; dScores = (Y_hat - Y) / N (the lecture's dZ[L] = Y_hat - Y, averaged
/// over the batch). T is the scores' element type (<c>SoftmaxCrossEntropy</c> is the double one).
/// </summary>
public sealed class SoftmaxCrossEntropy<T> : ILoss<T>, ILossInto<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public string Name => "softmax cross-entropy";

    public LossResult<T> Compute(Matrix<T> scores, Targets targets)
    {
        var dScores = Mat.Uninitialized<T>(scores.RowCount, scores.ColumnCount); // every element is written
        double loss = Compute(scores, targets, dScores);
        return new LossResult<T>(loss, dScores);
    }

    double ILossInto<T>.ComputeInto(Matrix<T> scores, Targets targets, Matrix<T> dScores) => Compute(scores, targets, dScores);

    private double Compute(Matrix<T> scores, Targets targets, Matrix<T> dScores)
    {
        var y = targets.RequireClasses(Name);
        int n = scores.RowCount, c = scores.ColumnCount;
        LossChecks.Classes(y, n, c, Name);
        // The log-probabilities go into the gradient's matrix, which then becomes (softmax - onehot) / N.
        Softmax.LogRowsInto(scores, dScores);
        var lp = dScores.Data();
        double loss = 0;
        for (int i = 0; i < n; i++) loss -= double.CreateTruncating(lp[y[i] * n + i]);
        T count = T.CreateTruncating(n), share = T.One / count;
        for (int k = 0; k < lp.Length; k++) lp[k] = T.Exp(lp[k]) / count;
        for (int i = 0; i < n; i++) lp[y[i] * n + i] -= share;
        return loss / n;
    }

    public int[] Predict(Matrix<T> scores) => Softmax.ArgmaxRows(scores);
}
