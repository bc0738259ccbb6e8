using NotebookDL.Extension.Formatters;
using NotebookDL.Extension.Session;
using NotebookDL.Reports;
using NotebookDL.Search;
using NotebookDL.Training;

namespace NotebookDL.Tests.Extension;

[Collection("notebook state")]
public class LrFindCommandTests : IClassFixture<SharedKernel>
{
    private readonly NotebookKernel _kernel;

    public LrFindCommandTests(SharedKernel shared)
    {
        _kernel = shared.Kernel;
        _kernel.Session.Reset();
    }

    [Fact]
    public async Task The_range_test_draws_cost_against_a_log_learning_rate_stops_at_3x_and_suggests_a_rate()
    {
        var cell = await _kernel.SubmitAsync("#!lr-find --min 1e-5 --max 1e3 --iterations 80 --batch 50");
        Assert.True(cell.Succeeded, cell.Describe());
        var result = _kernel.Variable<LearningRateFinderResult>("lrfind");
        Assert.True(result.StopReason is StopReason.CostExploded or StopReason.NotFinite, result.ToString());
        Assert.True(result.Costs.Length < 80);
        var plotly = string.Join("", cell.Formatted(ChartFormatters.PlotlyMimeType)).Replace(" ", "");
        Assert.Contains("\"type\":\"log\"", plotly);
        Assert.Contains("3xinitialcost:stop", plotly);
        Assert.Contains("suggested learning rate " + Html.Num(result.Suggested), cell.Html);
        Assert.Contains("#!train --hidden 50", cell.Html);
        Assert.Contains("#!lr-find --min 1e-5 --max 1000 --iterations 80 --hidden 50", cell.Html);
        HtmlChecks.AssertReadable(cell.Html);
    }

    [Theory]
    [InlineData("#!lr-find --lr 0.1", "--lr is not taken")]
    [InlineData("#!lr-find --epochs 3", "--epochs is not taken")]
    [InlineData("#!lr-find --min 1 --max 0.5", "--max (0.5) must be above --min (1)")]
    [InlineData("#!lr-find --min 1.0000001 --max 1.00000001", "--max (1.00000001) must be above --min (1.0000001)")] // six digits said "--max (1) must be above --min (1)"
    [InlineData("#!lr-find --iterations 2", "--iterations must be a whole number between 5 and 100000")]
    public async Task Bad_options_give_a_clear_error_and_the_kernel_carries_on(string line, string message)
    {
        var cell = await _kernel.SubmitAsync(line);
        Assert.False(cell.Succeeded, cell.Describe());
        Assert.Contains(message, cell.Failure!.Message);
        Assert.True((await _kernel.SubmitAsync("#!softmax [1,2]")).Succeeded);
    }

    /// <summary>Every line the output offers to copy runs as it reads (the sweep's own echo, the suggested #!train).</summary>
    [Theory]
    [InlineData("#!lr-find --min 1 --max 1.0000001 --iterations 5")]
    [InlineData("#!lr-find --min 1e-4 --max 0.30000000000000004 --iterations 5")]
    public async Task The_lines_an_lr_find_shows_run_when_copied(string line)
    {
        _kernel.Session.Reset();
        var cell = await _kernel.SubmitAsync(line);
        Assert.True(cell.Succeeded, cell.Describe());
        var text = System.Net.WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Replace(cell.Html, "<[^>]+>", "\n"));
        var copies = text.Split('\n').Select(l => l.Split(" · ")[0].Trim()).Where(l => l.StartsWith("#!", StringComparison.Ordinal)).Distinct().ToList();
        Assert.NotEmpty(copies);
        foreach (var copy in copies)
        {
            var again = await _kernel.SubmitAsync(copy.Replace("--epochs 10 ", "--epochs 1 "));
            Assert.True(again.Succeeded, $"'{copy}': {again.Describe()}");
        }
    }
}
