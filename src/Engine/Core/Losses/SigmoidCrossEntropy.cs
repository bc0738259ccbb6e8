using MathNet.Numerics.LinearAlgebra;
using NotebookDL.Tensors;

namespace NotebookDL.Losses;

/// <summary>
/// Sigmoid cross-entropy for multi-label outputs (multi-task learning): each of the C outputs is an
/// independent yes/no, L = (1/N) Σ_i Σ_{j present} -[y log σ(s) + (1-y) log(1-σ(s))], where labels marked
/// NaN ("?") are skipped. Stable form: max(s, 0) - s·y + log(1 + e^-|s|). dScores = (σ(s) - y)/N where present.
/// </summary>
public sealed class SigmoidCrossEntropy : ILoss, ILossInto
{
    public string Name => "sigmoid cross-entropy (multi-label)";

    public LossResult Compute(Matrix<double> scores, Targets targets)
    {
        var dScores = Mat.Zeros(scores.RowCount, scores.ColumnCount);
        double loss = Compute(scores, targets, dScores);
        return new LossResult(loss, dScores);
    }

    double ILossInto.ComputeInto(Matrix<double> scores, Targets targets, Matrix<double> dScores)
    {
        dScores.Data().AsSpan().Clear(); // missing labels leave their gradient at 0
        return Compute(scores, targets, dScores);
    }

    /// <summary>The loss, with its gradient written into <paramref name="dScores"/> (zeros) where a label is given.</summary>
    private double Compute(Matrix<double> scores, Targets targets, Matrix<double> dScores)
    {
        var labels = targets.Labels ?? throw new ArgumentException($"{Name} needs an (N, C) label matrix (0, 1, NaN = missing), got class indices");
        int n = scores.RowCount, c = scores.ColumnCount;
        if (labels.RowCount != n || labels.ColumnCount != c)
            throw new ArgumentException($"{Name}: labels have shape {labels.Shape()}, scores {scores.Shape()}");
        if (n == 0) throw new ArgumentException($"{Name}: the batch is empty"); // the mean over no examples is 0/0
        var sd = scores.Data(); var ld = labels.Data(); var dd = dScores.Data();
        double loss = 0;
        for (int k = 0; k < sd.Length; k++)
        {
            double y = ld[k];
            if (double.IsNaN(y)) continue; // "?" : this example says nothing about this output
            double s = sd[k];
            loss += Math.Max(s, 0) - s * y + Math.Log(1 + Math.Exp(-Math.Abs(s)));
            dd[k] = (Layers.Sigmoid<double>.Function(s) - y) / n;
        }
        return loss / n;
    }

    /// <summary>For multi-label outputs: the output with the highest score (use <see cref="PredictLabels"/> for all).</summary>
    public int[] Predict(Matrix<double> scores) => Softmax.ArgmaxRows(scores);

    /// <summary>1 where σ(s) ≥ 0.5 (s ≥ 0), else 0: one yes/no per output.</summary>
    public static Matrix<double> PredictLabels(Matrix<double> scores) => scores.Map(s => s >= 0 ? 1.0 : 0.0);
}
