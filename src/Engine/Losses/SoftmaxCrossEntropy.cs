using MathNet.Numerics.LinearAlgebra;
using NotebookDL.Tensors;

namespace NotebookDL.Losses;

/// <summary>
/// Softmax cross-entropy: L = -(1/N) Σ_i log softmax(s_i)[y_i], computed with log-sum-exp so that any
/// finite scores give a finite loss; dScores = (Y_hat - Y) / N (the lecture's dZ[L] = Y_hat - Y, averaged
/// over the batch).
/// </summary>
public sealed class SoftmaxCrossEntropy : ILoss
{
    public string Name => "softmax cross-entropy";

    public LossResult Compute(Matrix<double> scores, Targets targets)
    {
        var y = targets.RequireClasses(Name);
        int n = scores.RowCount, c = scores.ColumnCount;
        LossChecks.Classes(y, n, c, Name);
        var logP = Softmax.LogRows(scores);
        var lp = logP.Data();
        double loss = 0;
        for (int i = 0; i < n; i++) loss -= lp[y[i] * n + i];
        // Reuse the log-probability buffer for the gradient: (softmax - onehot) / N.
        var dScores = logP;
        for (int k = 0; k < lp.Length; k++) lp[k] = Math.Exp(lp[k]) / n;
        for (int i = 0; i < n; i++) lp[y[i] * n + i] -= 1.0 / n;
        return new LossResult(loss / n, dScores);
    }

    public int[] Predict(Matrix<double> scores) => Softmax.ArgmaxRows(scores);
}
