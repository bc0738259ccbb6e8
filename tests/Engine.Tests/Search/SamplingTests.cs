using NotebookDL.Search;
using NotebookDL.Tensors;

namespace NotebookDL.Tests.Search;

/// <summary>The lecture's "use the right scale": the sampling distributions, checked statistically.</summary>
public class SamplingTests
{
    private const int Samples = 30_000;

    private static double[] Draw(Hyperparameter h, int seed = 0)
    {
        var rng = new Rng(seed);
        return Enumerable.Range(0, Samples).Select(_ => Hyperparameter.ToDouble(h.Sample(rng))).ToArray();
    }

    [Fact]
    public void Log_uniform_from_1e_6_to_1e_3_gives_each_decade_a_third_of_the_samples()
    {
        var values = Draw(Hyperparameter.Parse("lr", "log:1e-6..1e-3"));
        Assert.All(values, v => Assert.InRange(v, 1e-6, 1e-3));
        double[] shares =
        [
            values.Count(v => v < 1e-5) / (double)Samples,
            values.Count(v => v >= 1e-5 && v < 1e-4) / (double)Samples,
            values.Count(v => v >= 1e-4) / (double)Samples,
        ];
        // The standard error of a share of 1/3 over 30,000 draws is 0.0027: 0.012 is more than 4 of them.
        Assert.All(shares, s => Assert.InRange(s, 1.0 / 3 - 0.012, 1.0 / 3 + 0.012));
    }

    [Fact]
    public void Uniform_sampling_of_the_same_range_would_put_90_percent_in_the_top_decade()
    {
        var values = Draw(Hyperparameter.Parse("lr", "uniform:1e-6..1e-3"));
        Assert.InRange(values.Count(v => v >= 1e-4) / (double)Samples, 0.89, 0.91);
    }

    [Fact]
    public void One_minus_log_puts_half_the_samples_of_0_9_to_0_999_above_0_99()
    {
        var values = Draw(Hyperparameter.Parse("momentum", "one-minus-log:0.9..0.999"));
        Assert.All(values, v => Assert.InRange(v, 0.9, 0.999));
        Assert.InRange(values.Count(v => v > 0.99) / (double)Samples, 0.5 - 0.012, 0.5 + 0.012);
        // Dense near 1: beta > 0.998 means r = log10(1 - beta) < log10 0.002, a share (3 - 2.699) / 2 = 15% of r's range.
        Assert.InRange(values.Count(v => v > 0.998) / (double)Samples, 0.1505 - 0.012, 0.1505 + 0.012);
    }

    [Fact]
    public void Integer_ranges_include_both_ends_with_equal_shares()
    {
        var values = Draw(Hyperparameter.Parse("hidden", "int:50..100"));
        Assert.All(values, v => Assert.Equal(Math.Floor(v), v));
        Assert.Equal(50, values.Min());
        Assert.Equal(100, values.Max());
        foreach (var group in values.GroupBy(v => v))
            Assert.InRange(group.Count() / (double)Samples, 1.0 / 51 - 0.006, 1.0 / 51 + 0.006);
    }

    [Fact]
    public void A_choice_picks_each_value_equally_often()
    {
        var rng = new Rng(0);
        var h = Hyperparameter.Parse("activation", "choice:relu,tanh,elu");
        var counts = Enumerable.Range(0, Samples).Select(_ => (string)h.Sample(rng)).GroupBy(v => v).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(["elu", "relu", "tanh"], counts.Keys.Order());
        Assert.All(counts.Values, c => Assert.InRange(c / (double)Samples, 1.0 / 3 - 0.012, 1.0 / 3 + 0.012));
    }

    [Theory]
    [InlineData("log:1e-3..1e-6", "log:1e-6..1e-3")]
    [InlineData("uniform:0.5..0", "uniform:0..0.5")]
    [InlineData("int:100..50", "int:50..100")]
    [InlineData("one-minus-log:0.999..0.9", "one-minus-log:0.9..0.999")]
    public void Reversed_bounds_mean_the_same_range_as_numpy_uniform_minus_3_minus_6(string reversed, string ordered)
    {
        var a = Hyperparameter.Parse("x", reversed);
        var b = Hyperparameter.Parse("x", ordered);
        Assert.Equal(b.Low, a.Low);
        Assert.Equal(b.High, a.High);
        Assert.Equal(Draw(b, seed: 3).Take(100), Draw(a, seed: 3).Take(100));
    }

    [Theory]
    [InlineData("log:0..1", "log scale needs positive bounds")]
    [InlineData("log:-1..1", "log scale needs positive bounds")]
    [InlineData("exp:1..2", "unknown scale 'exp'")]
    [InlineData("log:1e-3..1e-3", "is empty")]
    [InlineData("uniform:2..2", "is empty")]
    [InlineData("one-minus-log:0.9..1", "bounds in [0, 1)")]
    [InlineData("int:1.5..3", "whole-number bounds")]
    [InlineData("log:1e-6", "needs two bounds")]
    [InlineData("log:abc..1", "'abc' in 'log:abc..1' is not a number")]
    [InlineData("choice:relu", "fewer than two values")]
    [InlineData("choice:relu,relu", "lists 'relu' twice")]
    [InlineData("1e-3", "is not a range")]
    public void Invalid_ranges_give_a_clear_error_naming_the_parameter(string text, string message)
    {
        var e = Assert.Throws<ArgumentException>(() => Hyperparameter.Parse("lr", text));
        Assert.StartsWith("lr: ", e.Message);
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void A_grid_on_a_log_scale_is_evenly_spaced_in_the_exponent()
    {
        var grid = Hyperparameter.Parse("lr", "log:1e-4..1").Grid(5).Cast<double>().ToArray();
        Assert.Equal([1e-4, 1e-3, 1e-2, 1e-1, 1], grid.Select(v => Math.Round(v, 12)));
        var beta = Hyperparameter.Parse("momentum", "one-minus-log:0.9..0.999").Grid(3).Cast<double>().ToArray();
        Assert.Equal([0.9, 0.99, 0.999], beta.Select(v => Math.Round(v, 12)).Order());
    }

    [Fact]
    public void Position_is_measured_on_the_scale_so_1e_4_is_the_middle_of_1e_6_to_1e_2()
    {
        var lr = Hyperparameter.Parse("lr", "log:1e-6..1e-2");
        Assert.Equal(0.5, lr.Position(1e-4), 12);
        Assert.Equal(0.0, lr.Position(1e-6), 12);
        var beta = Hyperparameter.Parse("momentum", "one-minus-log:0.9..0.999");
        Assert.Equal(0.5, beta.Position(0.99), 12);
        Assert.Equal(1.0, beta.Position(0.999), 12);
    }

    [Fact]
    public void Values_print_as_the_lecture_prints_them()
    {
        Assert.Equal("1.405206e-04", Hyperparameter.Parse("lr", "log:1e-6..1e-3").Format(1.405206e-4));
        Assert.Equal("0.990000", Hyperparameter.Parse("momentum", "one-minus-log:0.9..0.999").Format(0.99));
        Assert.Equal("73", Hyperparameter.Parse("hidden", "int:50..100").Format(73));
    }

    [Fact]
    public void Rounding_keeps_significant_digits_of_the_quantity_the_scale_spreads()
    {
        Assert.Equal(1.405e-4, Hyperparameter.Parse("lr", "log:1e-6..1e-3").Round(1.4052061e-4, 4));
        // 1 - beta keeps its digits: 0.99951234 becomes 0.9995123, not 1.000.
        Assert.Equal(0.9995123, Hyperparameter.Parse("momentum", "one-minus-log:0.9..0.9999").Round(0.99951234, 4));
        Assert.Equal(0.999, Hyperparameter.Parse("momentum", "one-minus-log:0.9..0.999").Round(0.99899999, 4)); // kept inside the range
        Assert.Equal(73, Hyperparameter.Parse("hidden", "int:50..100").Round(73, 2));
        var rounded = HyperparameterSearch.Configurations(new SearchSpace(Hyperparameter.Parse("lr", "log:1e-6..1e-3")), new SearchOptions { Trials = 50, Digits = 4 });
        Assert.All(rounded, c => Assert.Equal(c.Number("lr"), double.Parse(c.Number("lr").ToString("E3"))));
    }
}
