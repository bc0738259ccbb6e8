using NotebookDL.Search;

namespace NotebookDL.Tests.Search;

/// <summary>The lecture's worry: a best value at the edge of the searched range means the range should widen.</summary>
public class EdgeWarningTests
{
    private static readonly SearchSpace Space = new(
        Hyperparameter.Parse("lr", "log:1e-6..1e-2"), Hyperparameter.Parse("reg", "log:1e-5..1e5"), Hyperparameter.Parse("activation", "choice:relu,tanh"));

    [Fact]
    public void A_best_learning_rate_in_the_lowest_tenth_of_its_log_range_warns_to_widen_it_below()
    {
        var warnings = EdgeWarning.Check(Space, SearchData.Config(("lr", 1.5e-6), ("reg", 1e-1), ("activation", "relu")));
        var w = Assert.Single(warnings);
        Assert.Equal("lr", w.Parameter);
        Assert.False(w.AtHighEnd);
        Assert.Contains("the best lr, 1.500000e-06, is at the low edge of its range log:1e-6..0.01", w.Message);
        Assert.Contains("widen the range", w.Message);
    }

    [Fact]
    public void A_best_value_in_the_top_tenth_warns_about_the_high_end()
    {
        var warnings = EdgeWarning.Check(Space, SearchData.Config(("lr", 1e-4), ("reg", 5e4), ("activation", "tanh")));
        var w = Assert.Single(warnings);
        Assert.Equal("reg", w.Parameter);
        Assert.True(w.AtHighEnd);
        Assert.Contains("better values may lie above", w.Message);
    }

    [Fact]
    public void Best_values_inside_the_range_and_choices_never_warn()
    {
        // 1e-4 is the middle of lr's 4 decades; reg 1e-4 lies at 10% + a little of its 10 decades.
        Assert.Empty(EdgeWarning.Check(Space, SearchData.Config(("lr", 1e-4), ("reg", 2e-4), ("activation", "tanh"))));
    }

    [Fact]
    public void A_search_result_warns_about_its_best_trial_only()
    {
        var trials = new[]
        {
            SearchData.Made(0, SearchData.Config(("lr", 1e-4), ("reg", 1e-1), ("activation", "relu")), 0.40),
            SearchData.Made(1, SearchData.Config(("lr", 1.1e-6), ("reg", 1e-1), ("activation", "relu")), 0.30),
        };
        var result = new SearchResult(Space, new SearchOptions { Trials = 2 }, trials, NotebookDL.Training.StopReason.Completed, TimeSpan.Zero);
        Assert.Empty(result.EdgeWarnings);
        var flipped = new SearchResult(Space, new SearchOptions { Trials = 2 }, [trials[0] with { ValAccuracy = 0.2 }, trials[1]], NotebookDL.Training.StopReason.Completed, TimeSpan.Zero);
        Assert.Equal("lr", Assert.Single(flipped.EdgeWarnings).Parameter);
    }
}
