using NotebookDL.Layers;
using NotebookDL.Losses;
using NotebookDL.Tensors;

namespace NotebookDL.Tests.Core;

/// <summary>The lecture's softmax numbers, computed by the engine.</summary>
public sealed class SoftmaxTests
{
    private static readonly double[] Z = [5, 2, -1, 3];

    [Fact]
    public void Softmax_of_5_2_minus1_3_is_0_842_0_042_0_002_0_114()
    {
        var a = Softmax.Of(Z);
        Assert.Equal([0.842, 0.042, 0.002, 0.114], a.Select(v => Math.Round(v, 3)));
        // The matrix form gives the same probabilities.
        var rows = Softmax.Rows(Mat.Row(Z));
        for (int j = 0; j < 4; j++) Assert.Equal(a[j], rows[0, j], 15);
    }

    [Fact]
    public void Sum_of_t_equals_e_to_the_z_for_5_2_minus1_3_is_176_3()
    {
        var steps = Softmax.Steps(Z);
        Assert.Equal(0, steps.Shift);
        Assert.Equal(176.3, Math.Round(steps.Sum, 1));
        Assert.Equal(148.4, Math.Round(steps.T[0], 1));
        Assert.Equal(1.0, steps.A.Sum(), 12);
    }

    [Fact]
    public void Hardmax_of_5_2_minus1_3_is_1_0_0_0()
    {
        Assert.Equal([1.0, 0, 0, 0], Softmax.Hardmax(Z));
        Assert.Equal([1.0, 0, 0, 0], Softmax.Steps(Z).Hardmax);
    }

    [Fact]
    public void Softmax_of_1000_1000_is_finite_0_5_0_5()
    {
        Assert.Equal([0.5, 0.5], Softmax.Of([1000.0, 1000.0]));
        var rows = Softmax.Rows(Mat.Row(1000, 1000));
        Assert.Equal(0.5, rows[0, 0]);
        Assert.Equal(0.5, rows[0, 1]);
        Assert.True(Softmax.Steps([1000.0, 1000.0]).Sum is > 0 and < double.PositiveInfinity);
    }

    [Fact]
    public void Log_softmax_and_the_loss_are_finite_for_logits_of_plus_minus_1e4()
    {
        var scores = Mat.OfRows([1e4, -1e4, 0], [-1e4, 1e4, 1e4]);
        var logP = Softmax.LogRows(scores);
        Assert.True(logP.AllFinite());
        Assert.Equal(-2e4, logP[0, 1], 9);
        Assert.Equal(-Math.Log(2), logP[1, 1], 12);

        int[] y = [1, 0]; // both examples put their true class at -1e4: a huge but finite loss
        var result = new SoftmaxCrossEntropy().Compute(scores, y);
        Assert.True(double.IsFinite(result.Loss));
        Assert.Equal((2e4 + (1e4 + 1e4 + Math.Log(2))) / 2, result.Loss, 6);
        Assert.True(result.DScores.AllFinite());
    }

    [Theory]
    [InlineData(1e4)]
    [InlineData(-1e4)]
    public void Softmax_of_5_2_minus1_3_shifted_by_plus_minus_1e4_is_still_0_842_0_042_0_002_0_114(double shift)
    {
        // Softmax only sees differences of scores (the stable form subtracts max z): the lecture's numbers survive the shift.
        var z = Z.Select(v => v + shift).ToArray();
        var steps = Softmax.Steps(z);
        Assert.Equal([0.842, 0.042, 0.002, 0.114], steps.A.Select(v => Math.Round(v, 3)));
        Assert.True(double.IsFinite(steps.Sum) && steps.T.All(double.IsFinite));
        var rows = Softmax.Rows(Mat.Row(z));
        Assert.Equal([0.842, 0.042, 0.002, 0.114], Enumerable.Range(0, 4).Select(j => Math.Round(rows[0, j], 3)));
        // The loss and dZ = a - y of the true class 3 (a = 0.114) are the unshifted ones too.
        var plain = Softmax.Steps(Z);
        Assert.Equal(plain.Loss(3), steps.Loss(3), 9);
        Assert.Equal(-Math.Log(0.114), steps.Loss(3), 2);
        var dz = steps.DZ(3);
        for (int j = 0; j < 4; j++) Assert.Equal(plain.DZ(3)[j], dz[j], 9);
        Assert.Equal(0.114 - 1, Math.Round(dz[3], 3));
    }

    [Fact]
    public void Softmax_rows_and_steps_are_finite_for_logits_of_plus_minus_1e4()
    {
        // Unshifted, e^1e4 overflows and e^-1e4 underflows; the shift by max z keeps every step finite.
        var steps = Softmax.Steps([1e4, -1e4, 0]);
        Assert.Equal(1e4, steps.Shift);
        Assert.Equal([1.0, 0, 0], steps.T);
        Assert.Equal(1.0, steps.Sum);
        Assert.Equal([1.0, 0, 0], steps.A);
        Assert.Equal(2e4, steps.Loss(1));        // -log a_1 = -(z_1 - max - log Σ) = 2e4, not -log 0 = ∞
        Assert.Equal([1.0, -1, 0], steps.DZ(1)); // a - y
        var low = Softmax.Steps([-1e4, -1e4]);  // e^-1e4 = 0 for both: 0/0 without the shift
        Assert.Equal([0.5, 0.5], low.A);
        Assert.Equal(Math.Log(2), low.Loss(0), 15);

        var p = Softmax.Rows(Mat.OfRows([1e4, -1e4, 0], [-1e4, 1e4, 1e4], [-1e4, -1e4, -1e4]));
        Assert.True(p.AllFinite());
        Assert.Equal([1.0, 0, 0], p.Row(0).ToArray());
        Assert.Equal([0, 0.5, 0.5], p.Row(1).ToArray());
        Assert.Equal(1.0 / 3, p[2, 0], 15);
    }

    [Fact]
    public void Loss_of_y_0100_and_y_hat_0_3_0_2_0_1_0_4_is_minus_log_0_2()
    {
        double[] yHat = [0.3, 0.2, 0.1, 0.4];
        // Scores whose softmax is y_hat: z = log y_hat (softmax is invariant to the constant log Σ = 0).
        var z = yHat.Select(v => Math.Log(v)).ToArray();
        Assert.Equal(yHat, Softmax.Of(z).Select(v => Math.Round(v, 12)));
        double expected = -Math.Log(0.2);
        Assert.Equal(expected, Softmax.Steps(z).Loss(1), 12);
        Assert.Equal(expected, new SoftmaxCrossEntropy().Compute(Mat.Row(z), new[] { 1 }).Loss, 12);
    }

    [Fact]
    public void dZ_of_a_batch_is_Y_hat_minus_Y()
    {
        var rng = new Rng(80);
        var scores = Mat.Gaussian(6, 4, rng, scale: 2);
        int[] y = [3, 0, 1, 1, 2, 0];
        var dScores = new SoftmaxCrossEntropy().Compute(scores, y).DScores;
        var yHat = Softmax.Rows(scores);
        for (int i = 0; i < 6; i++)
        {
            var dz = Softmax.Steps(scores.Row(i).ToArray()).DZ(y[i]);
            for (int j = 0; j < 4; j++)
            {
                double expected = yHat[i, j] - (j == y[i] ? 1 : 0); // dZ = Y_hat - Y
                Assert.Equal(expected, dScores[i, j] * 6, 14);     // the loss's gradient is averaged over N = 6
                Assert.Equal(expected, dz[j], 14);
            }
        }
    }

    [Fact]
    public void Cost_is_the_mean_of_the_examples_losses()
    {
        var scores = Mat.Gaussian(5, 3, new Rng(81));
        int[] y = [0, 2, 1, 1, 0];
        double mean = Enumerable.Range(0, 5).Average(i => Softmax.Steps(scores.Row(i).ToArray()).Loss(y[i]));
        Assert.Equal(mean, new SoftmaxCrossEntropy().Compute(scores, y).Loss, 14);
    }

    [Fact]
    public void Softmax_with_two_classes_is_logistic_regression()
    {
        foreach (var (z1, z2) in new[] { (0.3, -1.2), (4.0, 4.5), (-2.0, 3.0) })
            Assert.Equal(Sigmoid.Function(z1 - z2), Softmax.Of([z1, z2])[0], 15);
    }
}
