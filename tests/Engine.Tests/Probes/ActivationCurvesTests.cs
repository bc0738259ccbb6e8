using NotebookDL.Probes;

namespace NotebookDL.Tests.Probes;

/// <summary>The activation functions as the lecture plots them, sampled through the engine's layers.</summary>
public class ActivationCurvesTests
{
    private static ActivationCurve Curve(string name, double range = 5, double slope = 0.01) =>
        ActivationCurves.Sample([name], range, slope).Curves.Single();

    [Fact]
    public void Sigmoid_is_one_half_at_0_and_passes_back_at_most_a_quarter()
    {
        var sigmoid = Curve("sigmoid");
        Assert.Equal(0.0, sigmoid.X[sigmoid.X.Length / 2]);
        Assert.Equal(0.5, sigmoid.ValueAtZero, 15);
        Assert.Equal(0.25, sigmoid.LargestGradient, 15);
    }

    [Fact]
    public void Tanh_is_zero_centred_and_passes_back_at_most_1()
    {
        var tanh = Curve("tanh");
        Assert.Equal(0.0, tanh.ValueAtZero, 15);
        Assert.Equal(1.0, tanh.LargestGradient, 15);
        Assert.Equal(-tanh.ValueAtHigh, tanh.ValueAtLow, 15);
    }

    [Fact]
    public void Sigmoid_and_tanh_saturate_at_both_ends_of_plus_minus_5()
    {
        double s = 1 / (1 + Math.Exp(-5));
        var sigmoid = Curve("sigmoid");
        Assert.Equal(s * (1 - s), sigmoid.GradientAtHigh, 12); // 0.0066
        Assert.Equal(s * (1 - s), sigmoid.GradientAtLow, 12);
        var tanh = Curve("tanh");
        Assert.Equal(1 - Math.Tanh(5) * Math.Tanh(5), tanh.GradientAtHigh, 12); // 1.8e-4
        Assert.True(tanh.GradientAtLow < 1e-3);
    }

    [Fact]
    public void Relu_is_dead_below_0_while_leaky_relu_prelu_and_elu_keep_a_gradient_there()
    {
        var curves = ActivationCurves.Sample(["relu", "leaky-relu", "prelu", "elu"], 5, leakySlope: 0.1).Curves;
        Assert.Equal(0.0, curves[0].GradientAtLow);
        Assert.Equal(1.0, curves[0].GradientAtHigh);
        Assert.Equal(0.1, curves[1].GradientAtLow, 15);
        Assert.Equal("LeakyReLU(0.1)", curves[1].Name);
        Assert.Equal(0.25, curves[2].GradientAtLow, 15); // PReLU's slope starts at 0.25
        Assert.Equal(Math.Exp(-5), curves[3].GradientAtLow, 12); // ELU: α·eˣ
        Assert.Equal(Math.Exp(-5) - 1, curves[3].ValueAtLow, 12);
    }

    [Theory]
    [InlineData("sigmoid")]
    [InlineData("tanh")]
    [InlineData("relu")]
    [InlineData("leaky-relu")]
    [InlineData("prelu")]
    [InlineData("elu")]
    public void The_backward_pass_gives_the_slope_of_the_forward_curve(string name)
    {
        var c = Curve(name, range: 3);
        for (int i = 1; i < c.X.Length - 1; i++)
        {
            if (Math.Abs(c.X[i]) < 0.05) continue; // the kinks at 0 have no single slope
            double slope = (c.Value[i + 1] - c.Value[i - 1]) / (c.X[i + 1] - c.X[i - 1]);
            Assert.Equal(slope, c.Gradient[i], 1e-3);
        }
    }

    [Fact]
    public void Names_are_folded_repeats_dropped_and_unknown_ones_refused()
    {
        var curves = ActivationCurves.Sample(["ReLU", "relu", "Tanh"], 2);
        Assert.Equal(["ReLU", "Tanh"], curves.Curves.Select(c => c.Name));
        Assert.Equal(2, curves.Range);
        Assert.Equal(ActivationCurves.DefaultPoints, curves.Curves[0].X.Length);
        Assert.Equal(-2.0, curves.Curves[0].X[0]);
        Assert.Equal(2.0, curves.Curves[0].X[^1]);
        var e = Assert.Throws<ArgumentException>(() => ActivationCurves.Sample(["swish"], 5));
        Assert.Contains("unknown activation 'swish'", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => ActivationCurves.Sample(["relu"], 5, points: 400));
        Assert.Throws<ArgumentOutOfRangeException>(() => ActivationCurves.Sample(["relu"], 0));
    }
}
