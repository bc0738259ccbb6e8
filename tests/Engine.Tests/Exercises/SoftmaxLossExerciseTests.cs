using MathNet.Numerics.LinearAlgebra;
using static NotebookDL.Tests.Exercises.ExerciseAssert;

namespace NotebookDL.Tests.Exercises;

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
