using MathNet.Numerics.LinearAlgebra;
using static NotebookDL.Tests.Exercises.ExerciseAssert;

namespace NotebookDL.Tests.Exercises;

public class SoftmaxExerciseTests
{
    /// <summary>How a learner writes it: per row, subtract the max, exponentiate, divide by the sum.</summary>
    internal static Matrix<double> LearnerSoftmax(Matrix<double> z)
    {
        var a = z.Clone();
        for (int i = 0; i < z.RowCount; i++)
        {
            var t = (z.Row(i) - z.Row(i).Maximum()).PointwiseExp();
            a.SetRow(i, t / t.Sum());
        }
        return a;
    }

    [Fact]
    public void A_learners_row_by_row_softmax_passes_and_shows_the_lecture_numbers_case() =>
        Assert.Contains(Passes("softmax", (Func<Matrix<double>, Matrix<double>>)LearnerSoftmax).Cases, c => c.Name.Contains("0.842"));

    [Fact]
    public void Normalising_over_the_columns_is_told_to_normalise_each_row() =>
        FailsWith("softmax", (Func<Matrix<double>, Matrix<double>>)(z => LearnerSoftmax(z.Transpose()).Transpose()), "your columns sum to 1");

    [Fact]
    public void Forgetting_to_subtract_the_max_fails_only_the_large_scores_with_the_overflow_hint()
    {
        var result = FailsWith("softmax", (Func<Matrix<double>, Matrix<double>>)(z =>
        {
            var t = z.PointwiseExp();
            for (int i = 0; i < z.RowCount; i++) t.SetRow(i, t.Row(i) / t.Row(i).Sum());
            return t;
        }), "subtract each row's own max");
        Assert.Single(result.Cases, c => !c.Passed);
    }

    [Fact]
    public void Returning_e_to_the_z_is_told_to_divide_by_the_rows_sum() =>
        FailsWith("softmax", (Func<Matrix<double>, Matrix<double>>)(z => z.PointwiseExp()), "divide t = e^z by its row's sum");
}

public class SoftmaxLossExerciseTests
{
    /// <summary>A learner's loss: mean of −log a_y, dScores = (a − one-hot)/N, with options to break it.</summary>
    private static Func<Matrix<double>, int[], (double, Matrix<double>)> Loss(bool sum = false, bool dividedByN = true, bool flipped = false, bool stable = true) =>
        (s, y) =>
        {
            int n = s.RowCount;
            var a = stable ? SoftmaxExerciseTests.LearnerSoftmax(s) : Elementwise(s);
            double loss = 0;
            for (int i = 0; i < n; i++)
            {
                // log a_y = z_y − max − log Σ e^(z − max): finite even when a_y underflows to 0
                double max = s.Row(i).Maximum();
                loss -= stable ? s[i, y[i]] - max - Math.Log((s.Row(i) - max).PointwiseExp().Sum()) : Math.Log(a[i, y[i]]);
            }
            var d = a.Clone();
            for (int i = 0; i < n; i++) d[i, y[i]] -= 1;
            if (dividedByN) d /= n;
            return (sum ? loss : loss / n, flipped ? -d : d);
        };

    private static Matrix<double> Elementwise(Matrix<double> s)
    {
        var t = s.PointwiseExp();
        for (int i = 0; i < s.RowCount; i++) t.SetRow(i, t.Row(i) / t.Row(i).Sum());
        return t;
    }

    [Fact]
    public void A_learners_mean_loss_with_dscores_over_N_passes() => Passes("softmax-loss", Loss());

    [Fact]
    public void Summing_instead_of_averaging_the_loss_is_N_times_too_big() =>
        FailsWith("softmax-loss", Loss(sum: true), "your loss is N = 8 times too big: did you forget to average over the batch");

    [Fact]
    public void Dscores_not_divided_by_N_asks_whether_the_batch_was_averaged() =>
        FailsWith("softmax-loss", Loss(dividedByN: false), "your dScores is N = 8 times too big: did you forget to average over the batch (divide by N)?");

    [Fact]
    public void One_hot_minus_softmax_is_a_wrong_sign() =>
        FailsWith("softmax-loss", Loss(flipped: true), "wrong sign: your dScores is −1 × the expected one");

    [Fact]
    public void An_unstable_softmax_fails_the_large_scores() =>
        FailsWith("softmax-loss", Loss(stable: false), "compute log a_y as z_y − max − log Σ e^(z − max)");

    [Fact]
    public void A_loss_whose_gradient_is_of_another_function_fails_the_gradient_check()
    {
        var wrongGradient = Loss();
        var result = FailsWith("softmax-loss", (Func<Matrix<double>, int[], (double, Matrix<double>)>)((s, y) => (wrongGradient(s, y).Item1, wrongGradient(s, y).Item2 * 0.5)),
            "your dScores is not the gradient of your loss");
        Assert.True(result.Cases.Single(c => c.Name.StartsWith("loss,")).Passed);
    }
}
