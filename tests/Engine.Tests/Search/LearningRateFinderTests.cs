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
