using NotebookDL.Extension.Commands;
using NotebookDL.Extension.Session;
using Xunit.Abstractions;

namespace NotebookDL.Tests.Extension;

[Collection("notebook state")]
public class BatchNormCommandTests : IClassFixture<SharedKernel>
{
    private readonly NotebookKernel _kernel;
    private readonly ITestOutputHelper _output;

    public BatchNormCommandTests(SharedKernel shared, ITestOutputHelper output)
    {
        _kernel = shared.Kernel;
        _output = output;
        _kernel.Session.Reset();
    }

    [Fact]
    public async Task A_deep_net_with_small_weights_trains_with_batch_norm_and_stalls_without_it()
    {
        var cell = await _kernel.SubmitAsync("#!batchnorm");
        Assert.True(cell.Succeeded, cell.Describe());
        var bn = _kernel.Variable<BatchNormComparison>("bn");
        _output.WriteLine(bn.Summary());
        double Val(TrainingRun r) => r.History.Epochs[^1].ValAccuracy!.Value;
        Assert.True(Val(bn.Normalized) > Val(bn.Plain) + 0.2, bn.Summary());
        Assert.True(Val(bn.Normalized) > 0.85, bn.Summary());
        // The net with batch norm has it; its Dense layers before it have no bias.
        Assert.Contains(bn.Normalized.Network.Layers, l => l is NotebookDL.Layers.BatchNorm<double>);
        Assert.DoesNotContain(bn.Plain.Network.Layers, l => l is NotebookDL.Layers.BatchNorm<double>);
        // Running averages track the batch statistics.
        var s = bn.FirstLayerStatistics;
        double meanGap = s.RunningMean.Zip(s.BatchMean, (a, b) => Math.Abs(a - b)).Max();
        double spread = s.BatchMean.Max() - s.BatchMean.Min();
        Assert.True(meanGap < spread, $"running vs batch mean differ by up to {meanGap}, batch means span {spread}");
        foreach (var expected in new[] { "without BN", "with BN", "running mean", "batch variance", "std of activations" })
            Assert.Contains(expected, cell.Html);
        // The comparison is drawn: both runs' curves and the statistics, as charts with their plotly JSON.
        Assert.Contains("Plotly.newPlot", cell.Html);
        Assert.True(cell.Formatted("application/vnd.plotly.v1+json").Count() >= 3);
    }

    [Fact]
    public async Task Batchnorm_rejects_bad_options()
    {
        var cell = await _kernel.SubmitAsync("#!batchnorm --batchnorm");
        Assert.False(cell.Succeeded);
        Assert.Contains("--batchnorm", cell.Failure!.Message);
        var next = await _kernel.SubmitAsync("#!batchnorm --epochs -3");
        Assert.False(next.Succeeded);
        Assert.Contains("--epochs must be a whole number", next.Failure!.Message);
    }
}
