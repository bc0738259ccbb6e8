using NotebookDL.Analysis;
using NotebookDL.Extension.Formatters;
using NotebookDL.Extension.Session;
using NotebookDL.Reports;

namespace NotebookDL.Tests.Extension;

[Collection("notebook state")]
public sealed class TransferCommandTests : IClassFixture<SharedKernel>
{
    private readonly NotebookKernel _kernel;

    public TransferCommandTests(SharedKernel shared)
    {
        _kernel = shared.Kernel;
        _kernel.Session.Reset();
    }

    [Fact]
    public async Task A_digit_classifier_reused_for_a_yes_no_question_with_30_examples_beats_training_from_scratch()
    {
        var cell = await _kernel.SubmitAsync("#!transfer");
        Assert.True(cell.Succeeded, cell.Describe());
        var result = _kernel.Variable<TransferResult>("transfer");
        Assert.Null(result.StopMessage);
        Assert.Equal(1467, result.TaskAExamples);
        Assert.Equal(30, result.TaskBExamples);
        Assert.Equal(100 * 2 + 2, result.Transferred.TrainableParameters);
        Assert.True(result.Gain > 0.03, result.ToString());
        Assert.Contains("the features learned on task A carry over", cell.Html);
        Assert.Contains(Html.Encode("task B: is it 0, 6, 8, 9? 30 labelled examples kept out of task A"), cell.Html);
        Assert.Contains(Html.Fixed(result.Transferred.ValAccuracy, 3), cell.Html);
        var figure = string.Join("", cell.Formatted(ChartFormatters.PlotlyMimeType));
        Assert.Contains("task B: val accuracy", figure);
        Assert.Contains("from scratch: val accuracy", figure);
        Assert.Contains("#!transfer --task-b 0,6,8,9 --b-examples 30 --epochs-b 100 --replace 1 --hidden 100 --epochs 20 --lr 0.01", cell.Html);
        HtmlChecks.AssertReadable(cell.Html);
    }

    [Fact]
    public async Task Fine_tuning_trains_every_layer_on_task_b()
    {
        var cell = await _kernel.SubmitAsync("#!transfer --fine-tune --task-b 2,3,5,7 --epochs 5 --epochs-b 20 --as tuned");
        Assert.True(cell.Succeeded, cell.Describe());
        var result = _kernel.Variable<TransferResult>("tuned");
        Assert.Equal(result.Transferred.Network.ParameterCount, result.Transferred.TrainableParameters);
        Assert.Contains("every layer fine-tuned", cell.Html);
    }

    [Theory]
    [InlineData("#!transfer --task-b 0,1,2,3,4,5,6,7,8,9", "between 1 and 9 of the 10 classes")]
    [InlineData("#!transfer --task-b 12", "--task-b takes whole numbers between 0 and 9")]
    [InlineData("#!transfer --replace 3", "--replace must be a whole number between 1 and 2")]
    [InlineData("#!transfer --b-examples 5000", "--b-examples 5000 leaves none of the 1,497")]
    [InlineData("#!transfer --b-examples 1", "--b-examples must be a whole number between 2")]
    public async Task Bad_options_are_clear_errors_and_the_kernel_carries_on(string line, string message)
    {
        var cell = await _kernel.SubmitAsync(line);
        Assert.False(cell.Succeeded, cell.Describe());
        Assert.Contains(message, cell.Failure!.Message);
        var next = await _kernel.SubmitAsync("#!softmax [1,2]");
        Assert.True(next.Succeeded, next.Describe());
    }
}
