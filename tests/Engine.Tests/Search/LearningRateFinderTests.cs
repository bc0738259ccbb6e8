using NotebookDL.Search;
using NotebookDL.Training;

namespace NotebookDL.Tests.Search;

public class LearningRateFinderTests
{
    [Fact]
    public void The_rate_grows_exponentially_and_the_run_stops_at_3x_the_initial_cost()
    {
        var result = LearningRateFinder.Run(SearchData.Net, SearchData.Sgd, SearchData.Train, minRate: 1e-5, maxRate: 1e3, iterations: 120);
        Assert.Equal(1e-5, result.Rates[0], 1e-15);
        // The same factor every iteration: (1e3 / 1e-5)^(1 / 119).
        double factor = Math.Pow(1e8, 1.0 / 119);
        for (int i = 1; i < result.Rates.Length; i++) Assert.Equal(factor, result.Rates[i] / result.Rates[i - 1], 1e-9);
        Assert.True(result.StopReason is StopReason.CostExploded or StopReason.NotFinite, result.ToString());
        Assert.True(result.Costs.Length < 120);
        var last = result.Costs[^1];
        Assert.True(!double.IsFinite(last) || last > 3 * result.InitialCost, result.ToString());
        // The suggestion lies well inside the range, below where the cost blew up.
        Assert.InRange(result.Suggested, 1e-4, result.Rates[^1] / 10);
        Assert.InRange(result.MinimumCostRate, 1e-3, result.Rates[^1]);
        // The verdict's edges: too low below where the smoothed cost first moved 1%, too high where it rose past its start.
        Assert.NotNull(result.TooLowBelow);
        Assert.NotNull(result.TooHighFrom);
        Assert.True(result.TooLowBelow < result.Suggested && result.Suggested < result.TooHighFrom, result.ToString());
        var s = result.Smoothed;
        int low = Array.IndexOf(result.Rates, result.TooLowBelow!.Value);
        Assert.All(s[..(low + 1)], c => Assert.True(Math.Abs(c - result.InitialCost) < TrainingVerdict.BarelyMoving * result.InitialCost));
        Assert.True(Math.Abs(s[low + 1] - result.InitialCost) >= TrainingVerdict.BarelyMoving * result.InitialCost);
        Assert.Contains(": too low", result.Verdict);
        Assert.Contains(": too high", result.Verdict);
    }

    [Fact]
    public void The_verdict_names_the_edges_of_a_made_up_range()
    {
        double[] rates = [1e-5, 1e-4, 1e-3, 1e-2, 1e-1, 1, 10];
        double[] costs = [2.30, 2.30, 2.30, 1.0, 0.5, 4.0, 9.0];
        var r = new LearningRateFinderResult(rates, costs, StopReason.CostExploded, "stopped");
        // Smoothed: 2.30, 2.30, 2.30, then falls below 1% of the start at 1e-2; back above 2.30 at 10.
        Assert.Equal(1e-3, r.TooLowBelow);
        Assert.Equal(10, r.TooHighFrom);
        Assert.Equal("below lr 0.001 the cost barely moves (within 1% of its start): too low; lowest at lr 0.1; from lr 10 the cost goes up past its start and explodes: too high. Suggested lr 0.01", r.Verdict);
    }

    [Fact]
    public void A_range_that_never_gets_too_high_runs_every_iteration()
    {
        var result = LearningRateFinder.Run(SearchData.Net, SearchData.Sgd, SearchData.Train, minRate: 1e-6, maxRate: 1e-4, iterations: 20);
        Assert.Equal(StopReason.Completed, result.StopReason);
        Assert.Equal(20, result.Costs.Length);
        Assert.Equal(1e-4, result.Rates[^1], 1e-12);
    }

    [Theory]
    [InlineData(0.0, 1.0, 100, "lowest rate")]
    [InlineData(1.0, 0.5, 100, "highest rate")]
    [InlineData(1e-6, 1.0, 2, "iterations")]
    public void Bad_settings_are_refused(double min, double max, int iterations, string message)
    {
        var e = Assert.ThrowsAny<ArgumentException>(() => LearningRateFinder.Run(SearchData.Net, SearchData.Sgd, SearchData.Train, min, max, iterations));
        Assert.Contains(message, e.Message);
    }
}
