using MathNet.Numerics.LinearAlgebra;
using NotebookDL.Tensors;

namespace NotebookDL.Losses;

/// <summary>
/// Multiclass SVM (hinge) loss, cs231n's form: L = (1/N) Σ_i Σ_{j≠y_i} max(0, s_j - s_{y_i} + Δ), Δ = 1.
/// </summary>
public sealed class MulticlassSvm(double margin = 1.0) : ILoss, ILossInto
{
    /// <summary>Δ, a finite number &gt;= 0 (cs231n: Δ = 1 is safe, the weights' scale absorbs it).</summary>
    public double Margin { get; } = margin >= 0 && double.IsFinite(margin)
        ? margin
        : throw new ArgumentOutOfRangeException(nameof(margin), $"the SVM's margin Δ must be a finite number >= 0, got {margin}");
    public string Name => "multiclass SVM (hinge)";

    public LossResult Compute(Matrix<double> scores, Targets targets)
    {
        var dScores = Mat.Zeros(scores.RowCount, scores.ColumnCount);
        double loss = Compute(scores, targets, dScores);
        return new LossResult(loss, dScores);
    }

    double ILossInto.ComputeInto(Matrix<double> scores, Targets targets, Matrix<double> dScores)
    {
        dScores.Data().AsSpan().Clear(); // the margins below only add to it
        return Compute(scores, targets, dScores);
    }

    /// <summary>The loss, with its gradient added into <paramref name="dScores"/> (zeros).</summary>
    private double Compute(Matrix<double> scores, Targets targets, Matrix<double> dScores)
    {
        var y = targets.RequireClasses(Name);
        int n = scores.RowCount, c = scores.ColumnCount;
        LossChecks.Classes(y, n, c, Name);
        var sd = scores.Data(); var dd = dScores.Data();
        double loss = 0;
        for (int i = 0; i < n; i++)
        {
            double correct = sd[y[i] * n + i];
            for (int j = 0; j < c; j++)
            {
                if (j == y[i]) continue;
                double margin = sd[j * n + i] - correct + Margin;
                if (margin > 0)
                {
                    loss += margin;
                    dd[j * n + i] += 1.0 / n;
                    dd[y[i] * n + i] -= 1.0 / n;
                }
            }
        }
        return loss / n;
    }

    public int[] Predict(Matrix<double> scores) => Softmax.ArgmaxRows(scores);
}
