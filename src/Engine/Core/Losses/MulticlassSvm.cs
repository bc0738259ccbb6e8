using System.Numerics;
using MathNet.Numerics.LinearAlgebra;
using NotebookDL.Tensors;

namespace NotebookDL.Losses;

/// <summary>
/// Multiclass SVM (hinge) loss, cs231n's form: L = (1/N) Σ_i Σ_{j≠y_i} max(0, s_j - s_{y_i} + Δ), Δ = 1.
/// </summary>
public sealed class MulticlassSvm<T>(double margin = 1.0) : ILoss<T>, ILossInto<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Δ, a finite number &gt;= 0 (cs231n: Δ = 1 is safe, the weights' scale absorbs it).</summary>
    public double Margin { get; } = margin >= 0 && double.IsFinite(margin)
        ? margin
        : throw new ArgumentOutOfRangeException(nameof(margin), $"the SVM's margin Δ must be a finite number >= 0, got {margin}");
    public string Name => "multiclass SVM (hinge)";

    public LossResult<T> Compute(Matrix<T> scores, Targets targets)
    {
        var dScores = Mat.Zeros<T>(scores.RowCount, scores.ColumnCount);
        double loss = Compute(scores, targets, dScores);
        return new LossResult<T>(loss, dScores);
    }

    double ILossInto<T>.ComputeInto(Matrix<T> scores, Targets targets, Matrix<T> dScores)
    {
        dScores.Data().AsSpan().Clear(); // the margins below only add to it
        return Compute(scores, targets, dScores);
    }

    /// <summary>The loss, with its gradient added into <paramref name="dScores"/> (zeros).</summary>
    private double Compute(Matrix<T> scores, Targets targets, Matrix<T> dScores)
    {
        var y = targets.RequireClasses(Name);
        int n = scores.RowCount, c = scores.ColumnCount;
        LossChecks.Classes(y, n, c, Name);
        var sd = scores.Data(); var dd = dScores.Data();
        double loss = 0;
        T delta = T.CreateTruncating(Margin), share = T.One / T.CreateTruncating(n);
        for (int i = 0; i < n; i++)
        {
            T correct = sd[y[i] * n + i];
            for (int j = 0; j < c; j++)
            {
                if (j == y[i]) continue;
                T margin = sd[j * n + i] - correct + delta;
                if (margin > T.Zero)
                {
                    loss += double.CreateTruncating(margin);
                    dd[j * n + i] += share;
                    dd[y[i] * n + i] -= share;
                }
            }
        }
        return loss / n;
    }

    public int[] Predict(Matrix<T> scores) => Softmax.ArgmaxRows(scores);
}
