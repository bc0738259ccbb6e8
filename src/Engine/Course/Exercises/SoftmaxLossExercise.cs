using MathNet.Numerics.LinearAlgebra;
using NotebookDL.Losses;
using NotebookDL.Probes;
using NotebookDL.Tensors;

namespace NotebookDL.Exercises;

/// <summary>
/// The softmax (cross-entropy) loss and its gradient, as cs231n's <c>softmax_loss(x, y) -> (loss, dx)</c>:
/// L = −(1/N) Σ log a_y and dScores = (a − one-hot)/N.
/// </summary>
internal sealed class SoftmaxLossExercise : Exercise<Func<Matrix<double>, int[], (double Loss, Matrix<double> DScores)>>
{
    public override string Name => "softmax-loss";
    public override string Title => "the softmax loss and its gradient dScores";
    public override string Topic => "softmax";
    public override string Signature =>
        "(double Loss, Matrix<double> DScores) SoftmaxLoss(Matrix<double> scores, int[] y)   // scores (N, C), y[i] in 0..C−1 → mean loss, dScores (N, C)";
    public override string Task => "L = −(1/N) Σ_i log a_i[y_i] with a = softmax(scores) (computed stably); dScores = (a − one-hot(y)) / N.";

    protected override Func<Matrix<double>, int[], (double Loss, Matrix<double> DScores)> ReferenceImplementation => (scores, y) =>
    {
        var r = new SoftmaxCrossEntropy().Compute(scores, y);
        return (r.Loss, r.DScores);
    };

    protected override void AddCases(CaseBook book, Func<Matrix<double>, int[], (double Loss, Matrix<double> DScores)> f, Rng rng)
    {
        var s = Mat.Gaussian(8, 10, rng, 2);
        var y = Labels(8, 10, rng);
        book.Add("loss, random scores (8, 10)", () => LossVerdict(f, s, y));
        book.Add("dScores, random scores (8, 10)", () => GradientVerdict(f, s, y));

        var s1 = Mat.Gaussian(1, 3, rng, 2);
        var y1 = Labels(1, 3, rng);
        book.Add("one example (1, 3): loss and dScores", () => Both(f, s1, y1));

        var zeros = Mat.Zeros(4, 10);
        var y0 = Labels(4, 10, rng);
        book.Add("all-zero scores (4, 10): loss = ln 10 = 2.303", () => LossVerdict(f, zeros, y0));

        var large = Mat.OfRows([1000, 0, -1000, 500], [-1000, -999, -1001, -1002], [0, 1000, 999, -1000]);
        int[] yl = [2, 0, 1];
        book.Add("large scores ±1000 (3, 4): finite loss and dScores", () => Both(f, large, yl));

        var sg = Mat.Gaussian(5, 4, rng, 1);
        var yg = Labels(5, 4, rng);
        book.Add("gradient check: your dScores against centred differences of your loss (5, 4)", () =>
        {
            var report = GradientCheck.Loss(new LearnerLoss(f), sg, yg, new GradientCheckOptions { Threshold = Compare.Tolerance, Seed = 1 });
            var row = report.Rows[0];
            return row.Passed
                ? Verdict.Pass(row.MaxRelativeError, Compare.Tolerance)
                : Verdict.Fail($"your dScores is not the gradient of your loss (at row {row.WorstRow}, column {row.WorstColumn}: " +
                               $"{Compare.Num(row.Analytic)} vs numerical {Compare.Num(row.Numeric)}): check both against L = −(1/N) Σ log a_y, dScores = (a − y)/N",
                    row.MaxRelativeError, Compare.Tolerance);
        });
    }

    private static int[] Labels(int n, int c, Rng rng) => Enumerable.Range(0, n).Select(_ => rng.NextInt(c)).ToArray();

    private static Verdict LossVerdict(Func<Matrix<double>, int[], (double Loss, Matrix<double> DScores)> f, Matrix<double> s, int[] y)
    {
        var (loss, _) = f(s.Clone(), (int[])y.Clone());
        var expected = new SoftmaxCrossEntropy().Compute(s, y).Loss;
        return Compare.Scalars(loss, expected, new Diagnosis("your loss")
        {
            BatchSize = s.RowCount,
            NonFinite = "your loss is NaN or infinite: compute log a_y as z_y − max − log Σ e^(z − max) so large scores cannot overflow",
        });
    }

    private static Verdict GradientVerdict(Func<Matrix<double>, int[], (double Loss, Matrix<double> DScores)> f, Matrix<double> s, int[] y)
    {
        var (_, dScores) = f(s.Clone(), (int[])y.Clone());
        var expected = new SoftmaxCrossEntropy().Compute(s, y).DScores;
        int n = s.RowCount;
        return Compare.Matrices(dScores, expected, new Diagnosis("your dScores")
        {
            BatchSize = n,
            Mistakes = [new("subtract 1 at the true class: dScores = (a − one-hot(y)) / N", () => Softmax.Rows(s) / n)],
            NonFinite = "your dScores holds NaN or infinity: compute softmax with the row's max subtracted",
        });
    }

    private static Verdict Both(Func<Matrix<double>, int[], (double Loss, Matrix<double> DScores)> f, Matrix<double> s, int[] y)
    {
        var loss = LossVerdict(f, s, y);
        if (!loss.Passed) return loss;
        var gradient = GradientVerdict(f, s, y);
        return gradient.Passed ? Verdict.Pass(Math.Max(loss.Error ?? 0, gradient.Error ?? 0), Compare.Tolerance) : gradient;
    }

    /// <summary>The learner's function seen as a loss, for <see cref="GradientCheck.Loss"/>.</summary>
    private sealed class LearnerLoss(Func<Matrix<double>, int[], (double Loss, Matrix<double> DScores)> f) : ILoss
    {
        public string Name => "your softmax loss";

        public LossResult Compute(Matrix<double> scores, Targets targets)
        {
            var (loss, dScores) = f(scores.Clone(), (int[])targets.RequireClasses(Name).Clone());
            return new LossResult(loss, Elementwise.Required(dScores, "your dScores"));
        }

        public int[] Predict(Matrix<double> scores) => Softmax.ArgmaxRows(scores);
    }
}
