using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.Events;
using NotebookDL.Analysis;
using NotebookDL.Extension.Formatters;
using NotebookDL.Extension.Session;
using NotebookDL.Reports;

namespace NotebookDL.Tests.Extension;

[Collection("notebook state")]
public sealed class LabelNoiseCommandTests : IClassFixture<SharedKernel>
{
    private readonly NotebookKernel _kernel;

    public LabelNoiseCommandTests(SharedKernel shared)
    {
        _kernel = shared.Kernel;
        _kernel.Session.Reset();
    }

    [Fact]
    public async Task Random_noise_on_the_digits_hurts_far_less_than_systematic_noise_at_20_percent()
    {
        var cell = await _kernel.SubmitAsync("#!label-noise --rates 0.2 --epochs 10");
        Assert.True(cell.Succeeded, cell.Describe());
        var result = _kernel.Variable<LabelNoiseResult>("noise");
        Assert.Equal(2, result.Trials.Count);
        Assert.Null(result.StopMessage);
        Assert.True(result.Harm(result.Trial(NoiseKind.Systematic, 0.2)) > result.Harm(result.Trial(NoiseKind.Random, 0.2)) + 0.08, result.ToString());
        Assert.Contains("random noise hurts far less than systematic noise", cell.Html);
        Assert.Contains(Html.Percent(result.Trial(NoiseKind.Systematic, 0.2).DevError), cell.Html);
        Assert.Contains("299", cell.Html); // 20% of 1,497 labels changed
        Assert.Contains("systematic noise", string.Join("", cell.Formatted(ChartFormatters.PlotlyMimeType)));
        Assert.Contains("#!label-noise --rates 0.2 --hidden 50 --epochs 10 --lr 0.001 --batch 100 --seed 0 --max-seconds 60", cell.Html);
        // One live output followed the three trainings and ends with the closing line.
        var updates = cell.Updates;
        Assert.Contains("stage 3 / 3: systematic noise 20%", updates);
        Assert.Contains("done in", updates);
        HtmlChecks.AssertReadable(cell.Html);
    }

    [Fact]
    public async Task A_time_budget_stops_the_experiment_keeping_what_ran()
    {
        var cell = await _kernel.SubmitAsync("#!label-noise --max-seconds 0.1 --epochs 50 --as cut");
        Assert.True(cell.Succeeded, cell.Describe());
        var result = _kernel.Variable<LabelNoiseResult>("cut");
        Assert.Contains("time budget", result.StopMessage);
        Assert.Contains("incomplete", cell.Html);
        Assert.Contains("time budget", cell.Updates);
        // The networks that never trained show no error rate (it would be that of random weights, e.g. "92.7 %").
        var untrained = result.Trials.Where(t => !t.Trained).ToList();
        Assert.NotEmpty(untrained);
        Assert.Contains("not trained", cell.Html);
        Assert.Equal(untrained.Count, System.Text.RegularExpressions.Regex.Matches(cell.Html, "<td[^>]*>not trained</td>").Count);
        Assert.Contains("not trained (the time budget ran out first)", result.ToString());
    }

    [Fact]
    public async Task Cancel_stops_the_experiment_within_a_mini_batch_and_the_next_cell_runs()
    {
        var cell = await _kernel.SubmitAndCancelAsync("#!label-noise --epochs 5000 --batch 10 --max-seconds 60 --as cancelled");
        Assert.Contains("cancelled", cell.Html + cell.Updates + cell.Failure?.Message);
        var next = await _kernel.SubmitAsync("#!softmax [1,2]");
        Assert.True(next.Succeeded, next.Describe());
    }

    [Theory]
    [InlineData("#!label-noise --rates 0", "--rates takes shares in (0, 1]")]
    [InlineData("#!label-noise --rates 0.2,1.5", "--rates takes shares in (0, 1]")]
    [InlineData("#!label-noise --rates 0.2,0.2", "lists a rate twice")]
    [InlineData("#!label-noise --hidden 0", "--hidden takes whole numbers between 1 and 4096")]
    [InlineData("#!label-noise --lr -1", "--lr must be a number between")]
    [InlineData("#!label-noise --epochs 0", "--epochs must be a whole number between 1 and 100000, got 0")]
    [InlineData("#!label-noise --bogus 1", "bogus")]
    public async Task Bad_options_are_clear_errors_and_the_kernel_carries_on(string line, string message)
    {
        var cell = await _kernel.SubmitAsync(line);
        Assert.False(cell.Succeeded, cell.Describe());
        Assert.Contains(message, cell.Failure!.Message);
        var next = await _kernel.SubmitAsync("#!softmax [1,2]");
        Assert.True(next.Succeeded, next.Describe());
    }
}
