using MathNet.Numerics.LinearAlgebra;
using NotebookDL.Init;
using NotebookDL.Layers;
using NotebookDL.Tensors;
using NotebookDL.Training;

namespace NotebookDL.Tests.Core;

/// <summary>Batch normalisation as the lecture defines it: z_norm = (z - mu)/sqrt(sigma² + eps), z_tilde = gamma z_norm + beta.</summary>
public sealed class BatchNormTests
{
    /// <summary>A batch (N, D) whose unit j has mean about 3j - 2 and std about 1 + 2j.</summary>
    private static Matrix<double> ShiftedBatch(int n, int d, int seed)
    {
        var x = Mat.Gaussian(n, d, new Rng(seed));
        for (int j = 0; j < d; j++)
            for (int i = 0; i < n; i++) x[i, j] = (3 * j - 2) + (1 + 2 * j) * x[i, j];
        return x;
    }

    private static (double Mean, double Std) Column(Matrix<double> m, int j)
    {
        var c = m.Column(j).ToArray();
        double mean = c.Average();
        return (mean, Math.Sqrt(c.Average(v => (v - mean) * (v - mean))));
    }

    [Fact]
    public void Training_mode_output_has_per_unit_mean_0_and_std_1_with_gamma_1_and_beta_0()
    {
        var bn = new BatchNorm(4);
        var x = ShiftedBatch(50, 4, 90);
        var output = bn.Forward(x, Mode.Train);
        for (int j = 0; j < 4; j++)
        {
            var (mean, std) = Column(output, j);
            var (_, batchStd) = Column(x, j);
            Assert.Equal(0, mean, 12);
            // Exactly sqrt(sigma² / (sigma² + eps)): 1 up to eps = 1e-5.
            Assert.Equal(Math.Sqrt(batchStd * batchStd / (batchStd * batchStd + bn.Eps)), std, 12);
            Assert.InRange(std, 1 - 1e-5, 1);
        }
    }

    [Fact]
    public void Training_mode_output_has_mean_3_and_std_2_with_gamma_2_and_beta_3()
    {
        var bn = new BatchNorm(4);
        bn.Gamma.Value.Data().AsSpan().Fill(2);
        bn.Beta.Value.Data().AsSpan().Fill(3);
        var output = bn.Forward(ShiftedBatch(50, 4, 91), Mode.Train);
        for (int j = 0; j < 4; j++)
        {
            var (mean, std) = Column(output, j);
            Assert.Equal(3, mean, 12);
            Assert.InRange(std, 2 - 2e-5, 2);
        }
    }

    [Fact]
    public void Running_averages_after_two_batches_are_the_exact_exponentially_weighted_averages()
    {
        var bn = new BatchNorm(3, momentum: 0.9);
        var x1 = ShiftedBatch(20, 3, 92);
        var x2 = ShiftedBatch(20, 3, 93);
        bn.Forward(x1, Mode.Train);
        bn.Forward(x2, Mode.Train);
        for (int j = 0; j < 3; j++)
        {
            var (m1, s1) = Column(x1, j);
            var (m2, s2) = Column(x2, j);
            // running = 0.9 running + 0.1 batch, starting from mean 0 and variance 1.
            Assert.Equal(0.9 * (0.9 * 0 + 0.1 * m1) + 0.1 * m2, bn.RunningMean[0, j], 12);
            Assert.Equal(0.9 * (0.9 * 1 + 0.1 * s1 * s1) + 0.1 * s2 * s2, bn.RunningVariance[0, j], 12);
        }
    }

    [Fact]
    public void Running_mean_converges_to_the_batches_mean_and_test_mode_normalises_with_it()
    {
        var bn = new BatchNorm(3, momentum: 0.9);
        var x = ShiftedBatch(40, 3, 94);
        for (int k = 0; k < 200; k++) bn.Forward(x, Mode.Train);
        var test = bn.Forward(x, Mode.Test);
        for (int j = 0; j < 3; j++)
        {
            var (mean, std) = Column(x, j);
            Assert.Equal(mean, bn.RunningMean[0, j], 6); // mean · (1 - 0.9^200)
            Assert.Equal(std * std, bn.RunningVariance[0, j], 6);
            for (int i = 0; i < 40; i++)
                Assert.Equal((x[i, j] - bn.RunningMean[0, j]) / Math.Sqrt(bn.RunningVariance[0, j] + bn.Eps), test[i, j], 12);
        }
    }

    [Fact]
    public void Test_mode_uses_the_running_averages_not_the_batch()
    {
        var bn = new BatchNorm(2);
        bn.RunningMean[0, 0] = 5; bn.RunningMean[0, 1] = -1;
        bn.RunningVariance[0, 0] = 4; bn.RunningVariance[0, 1] = 9;
        var x = Mat.OfRows([7, 2], [5, -1]);
        var output = bn.Forward(x, Mode.Test);
        Assert.Equal(2 / Math.Sqrt(4 + 1e-5), output[0, 0], 12);
        Assert.Equal(3 / Math.Sqrt(9 + 1e-5), output[0, 1], 12);
        Assert.Equal(0, output[1, 0]);
        Assert.Equal(5, bn.RunningMean[0, 0]); // test mode does not update
    }

    [Fact]
    public void Gamma_sqrt_var_plus_eps_and_beta_mu_give_the_identity_on_the_training_batch()
    {
        var bn = new BatchNorm(4);
        var x = ShiftedBatch(30, 4, 95);
        bn.Forward(x, Mode.Train);
        for (int j = 0; j < 4; j++)
        {
            bn.Gamma.Value[0, j] = Math.Sqrt(bn.LastVariance![0, j] + bn.Eps);
            bn.Beta.Value[0, j] = bn.LastMean![0, j];
        }
        var output = bn.Forward(x, Mode.Train);
        for (int i = 0; i < 30; i++)
            for (int j = 0; j < 4; j++) Assert.Equal(x[i, j], output[i, j], 12);
    }

    [Fact]
    public void A_batch_of_one_and_a_constant_unit_give_finite_output_and_gradients()
    {
        var bn = new BatchNorm(3);
        var single = bn.Forward(Mat.OfRows([1, -2, 3]), Mode.Train);
        Assert.True(single.AllFinite());
        Assert.Equal(0, single[0, 1]); // sigma² = 0: z_norm = 0, out = beta
        Assert.True(bn.Backward(Mat.OfRows([1, 1, 1])).AllFinite());

        var constant = Mat.Gaussian(6, 3, new Rng(96));
        for (int i = 0; i < 6; i++) constant[i, 2] = 4.2;
        var output = bn.Forward(constant, Mode.Train);
        Assert.True(output.AllFinite());
        Assert.True(bn.Backward(Mat.Gaussian(6, 3, new Rng(97))).AllFinite());
        Assert.True(bn.RunningVariance.AllFinite());
    }

    [Fact]
    public void Mlp_with_batch_norm_drops_the_bias_of_the_hidden_dense_layers()
    {
        var withBn = Mlp.Create(new MlpOptions { InputSize = 8, Classes = 3, Hidden = [6, 5], BatchNorm = true, Init = Initializer.He });
        var dense = withBn.Layers.OfType<Dense>().ToList();
        Assert.Null(dense[0].B);
        Assert.Null(dense[1].B);
        Assert.NotNull(dense[2].B); // the scores keep their bias
        Assert.IsType<BatchNorm>(withBn.Layers[1]);

        var without = Mlp.Create(new MlpOptions { InputSize = 8, Classes = 3, Hidden = [6, 5], Init = Initializer.He });
        Assert.All(without.Layers.OfType<Dense>(), d => Assert.NotNull(d.B));
    }
}
