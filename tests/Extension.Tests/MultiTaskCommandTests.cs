using NotebookDL.Analysis;
using NotebookDL.Extension.Formatters;
using NotebookDL.Extension.Session;
using NotebookDL.Reports;

namespace NotebookDL.Tests.Extension;

[Collection("notebook state")]
public sealed class MultiTaskCommandTests : IClassFixture<SharedKernel>
{
    private readonly NotebookKernel _kernel;

    public MultiTaskCommandTests(SharedKernel shared)
    {
        _kernel = shared.Kernel;
        _kernel.Session.Reset();
    }

    [Fact]
    public async Task One_network_answers_four_questions_about_digits_as_well_as_four_networks()
    {
        var cell = await _kernel.SubmitAsync("#!multitask --epochs 10");
        Assert.True(cell.Succeeded, cell.Describe());
        var result = _kernel.Variable<MultiTaskResult>("multitask");
        Assert.Equal(["even", "at least 5", "loop", "prime"], result.Tasks);
        Assert.Equal(4, result.Joint.Network.OutputSize);
        Assert.True(result.JointMeanAccuracy > 0.9, result.ToString());
        Assert.All(result.PresentShare, p => Assert.InRange(p, 0.65, 0.75));
        Assert.Contains("one network, all tasks", cell.Html);
        Assert.Contains(Html.Fixed(result.JointMeanAccuracy, 3), cell.Html);
        Assert.Contains("mean val accuracy over the tasks", string.Join("", cell.Formatted(ChartFormatters.PlotlyMimeType)));
        Assert.Contains("--missing 0.3", cell.Html);
        HtmlChecks.AssertReadable(cell.Html);
    }

    [Fact]
    public async Task Tasks_and_missing_shares_per_task_can_be_given()
    {
        var cell = await _kernel.SubmitAsync("#!multitask --tasks \"even=0,2,4,6,8;small=0,1,2\" --missing 0,0.9 --epochs 3 --as two");
        Assert.True(cell.Succeeded, cell.Describe());
        var result = _kernel.Variable<MultiTaskResult>("two");
        Assert.Equal(["even", "small"], result.Tasks);
        Assert.Equal(1.0, result.PresentShare[0]);
        Assert.Equal(0.1, result.PresentShare[1], 2);
        Assert.Equal(2, result.Separate.Count);
    }

    [Theory]
    [InlineData("#!multitask --missing 1", "--missing takes shares in [0, 1)")]
    [InlineData("#!multitask --missing 0.1,0.2", "--missing gives 2 shares for 4 tasks")]
    [InlineData("#!multitask --tasks \"x=11\"", "'11' in task 'x' is not a class")]
    [InlineData("#!multitask --tasks nonsense", "needs the form name=classes")]
    [InlineData("#!multitask --examples 5000", "--examples 5000 is more than the 1497 training examples")]
    public async Task Bad_options_are_clear_errors_and_the_kernel_carries_on(string line, string message)
    {
        var cell = await _kernel.SubmitAsync(line);
        Assert.False(cell.Succeeded, cell.Describe());
        Assert.Contains(message, cell.Failure!.Message);
        var next = await _kernel.SubmitAsync("#!softmax [1,2]");
        Assert.True(next.Succeeded, next.Describe());
    }
}
