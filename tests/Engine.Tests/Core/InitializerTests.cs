using NotebookDL.Init;
using NotebookDL.Tensors;

namespace NotebookDL.Tests.Core;

/// <summary>The lecture's initialisations, drawn for a (500, 500) layer: their scale is what the 10-layer demo turns on.</summary>
public class InitializerTests
{
    private const int FanIn = 500, FanOut = 500;

    private static (double Mean, double Std, double Max) Stats(Initializer init)
    {
        var w = init.Create(FanIn, FanOut, new Rng(7)).Data();
        double mean = w.Average();
        double std = Math.Sqrt(w.Select(v => (v - mean) * (v - mean)).Average());
        return (mean, std, w.Max(Math.Abs));
    }

    [Fact]
    public void Xavier_uniform_stays_within_plus_minus_sqrt_6_over_fan_in_plus_fan_out_and_fills_that_range()
    {
        double bound = Math.Sqrt(6.0 / (FanIn + FanOut));
        var (mean, std, max) = Stats(Initializer.XavierUniform);
        Assert.True(max <= bound, $"max |W| {max} beyond {bound}");
        Assert.True(max > 0.99 * bound, $"max |W| {max} far inside {bound}");
        Assert.Equal(bound / Math.Sqrt(3), std, tolerance: 0.01 * bound); // a uniform on [-a, a] has std a/√3
        Assert.Equal(0, mean, tolerance: 0.01 * bound);
    }

    [Theory]
    [InlineData("xavier", 1.0)]  // the lecture's Xavier: randn / sqrt(fan_in)
    [InlineData("he", 2.0)]      // He: randn / sqrt(fan_in / 2)
    public void Gaussian_inits_have_std_sqrt_gain_over_fan_in(string name, double gain)
    {
        var init = Initializer.Parse(name);
        double expected = Math.Sqrt(gain / FanIn);
        var (mean, std, _) = Stats(init);
        Assert.Equal(expected, std, tolerance: 0.01 * expected); // 250,000 draws: within 1 %
        Assert.Equal(expected, init.Std(FanIn, FanOut), 12);
        Assert.Equal(0, mean, tolerance: 0.01 * expected);
    }

    [Theory]
    [InlineData("small", 0.01)]
    [InlineData("large", 1.0)]
    public void The_lecture_s_small_and_large_inits_are_0_01_and_1_times_randn(string name, double scale)
    {
        var (_, std, _) = Stats(Initializer.Parse(name));
        Assert.Equal(scale, std, tolerance: 0.01 * scale);
    }
}
