using System.Numerics;
using MathNet.Numerics.LinearAlgebra;
using NotebookDL.Tensors;

namespace NotebookDL.Losses;

/// <summary>
/// Sigmoid cross-entropy for multi-label outputs (multi-task learning): each of the C outputs is an
/// independent yes/no, L = (1/N) Σ_i Σ_{j present} -[y log σ(s) + (1-y) log(1-σ(s))], where labels marked
/// NaN ("?") are skipped. Stable form: max(s, 0) - s·y + log(1 + e^-|s|). dScores = (σ(s) - y)/N where present.
/// T is the scores' element type (<c>SigmoidCrossEntropy</c> is the double one).
/// </summary>
public sealed class SigmoidCrossEntropy<T> : ILoss<T>, ILossInto<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public string Name => "sigmoid cross-entropy (multi-label)";

    public LossResult<T> Compute(Matrix<T> scores, Targets targets)
    {
        var dScores = Mat.Zeros<T>(scores.RowCount, scores.ColumnCount);
        double loss = Compute(scores, targets, dScores);
        return new LossResult<T>(loss, dScores);
    }

    double ILossInto<T>.ComputeInto(Matrix<T> scores, Targets targets, Matrix<T> dScores)
    {
        dScores.Data().AsSpan().Clear(); // missing labels leave their gradient at 0
        return Compute(scores, targets, dScores);
    }

    /// <summary>The loss, with its gradient written into <paramref name="dScores"/> (zeros) where a label is given.</summary>
    private double Compute(Matrix<T> scores, Targets targets, Matrix<T> dScores)
    {
        var labels = targets.Labels ?? throw new ArgumentException($"{Name} needs an (N, C) label matrix (0, 1, NaN = missing), got class indices");
        int n = scores.RowCount, c = scores.ColumnCount;
        if (labels.RowCount != n || labels.ColumnCount != c)
            throw new ArgumentException($"{Name}: labels have shape {labels.Shape()}, scores {scores.Shape()}");
        if (n == 0) throw new ArgumentException($"{Name}: the batch is empty"); // the mean over no examples is 0/0
        var sd = scores.Data(); var ld = labels.Data(); var dd = dScores.Data();
        double loss = 0;
        T count = T.CreateTruncating(n);
        for (int k = 0; k < sd.Length; k++)
        {
            if (double.IsNaN(ld[k])) continue; // "?" : this example says nothing about this output
            T y = T.CreateTruncating(ld[k]), s = sd[k];
            loss += double.CreateTruncating(T.Max(s, T.Zero) - s * y + T.Log(T.One + T.Exp(-T.Abs(s))));
            dd[k] = (Layers.Sigmoid<T>.Function(s) - y) / count;
        }
        return loss / n;
    }

    /// <summary>For multi-label outputs: the output with the highest score (use <see cref="PredictLabels"/> for all).</summary>
    public int[] Predict(Matrix<T> scores) => Softmax.ArgmaxRows(scores);

    /// <summary>1 where σ(s) ≥ 0.5 (s ≥ 0), else 0: one yes/no per output.</summary>
    public static Matrix<T> PredictLabels(Matrix<T> scores) => scores.Map(s => s >= T.Zero ? T.One : T.Zero);
}
