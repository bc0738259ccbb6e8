using NotebookDL.Layers;
using NotebookDL.Tensors;

namespace NotebookDL.Tests.Core;

/// <summary>Inverted dropout: zero each unit with probability p in training, scale the survivors by 1/(1 - p).</summary>
public sealed class DropoutTests
{
    [Fact]
    public void Test_mode_is_the_identity()
    {
        var x = Mat.Gaussian(10, 8, new Rng(100));
        var dropout = new Dropout(0.5, seed: 1);
        Assert.Equal(x, dropout.Forward(x, Mode.Test));
        var dOut = Mat.Gaussian(10, 8, new Rng(101));
        Assert.Equal(dOut, dropout.Backward(dOut));
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(0.3)]
    [InlineData(0.8)]
    public void Train_mode_zeroes_about_p_of_the_units_and_scales_the_survivors_by_1_over_1_minus_p(double p)
    {
        var x = Mat.Filled(200, 50, 1.0);
        var output = new Dropout(p, seed: 2).Forward(x, Mode.Train);
        var values = output.Data();
        double zeros = values.Count(v => v == 0) / (double)values.Length;
        Assert.InRange(zeros, p - 0.02, p + 0.02); // 10,000 draws: 4 standard deviations at most ~0.02
        Assert.All(values.Where(v => v != 0), v => Assert.Equal(1 / (1 - p), v));
    }

    [Fact]
    public void Train_mode_preserves_the_expectation()
    {
        const double p = 0.5;
        const int passes = 4000;
        var x = Mat.Gaussian(6, 5, new Rng(102));
        var dropout = new Dropout(p, seed: 3);
        var sum = Mat.Zeros(6, 5);
        for (int k = 0; k < passes; k++) sum += dropout.Forward(x, Mode.Train);
        for (int i = 0; i < 6; i++)
        {
            for (int j = 0; j < 5; j++)
            {
                double mean = sum[i, j] / passes;
                // Each pass gives x/(1-p) or 0: variance x² p/(1-p); allow 5 standard errors.
                double tolerance = 5 * Math.Abs(x[i, j]) * Math.Sqrt(p / (1 - p) / passes);
                Assert.InRange(mean, x[i, j] - tolerance, x[i, j] + tolerance);
            }
        }
    }

    [Fact]
    public void Backward_uses_the_forward_mask_and_the_same_seed_gives_the_same_masks()
    {
        var x = Mat.Filled(4, 6, 1.0);
        var a = new Dropout(0.5, seed: 7);
        var b = new Dropout(0.5, seed: 7);
        var outA = a.Forward(x, Mode.Train);
        Assert.Equal(outA, b.Forward(x, Mode.Train));
        Assert.Equal(outA, a.Backward(Mat.Filled(4, 6, 1.0))); // dx = dOut ⊙ mask, and here out = mask
    }
}
