namespace NotebookDL.Tests.Extension;

public class SoftmaxCommandTests : IClassFixture<SharedKernel>
{
    private readonly NotebookKernel _kernel;

    public SoftmaxCommandTests(SharedKernel shared) => _kernel = shared.Kernel;

    [Theory]
    [InlineData("#!softmax [5,2,-1,3]")]
    [InlineData("#!softmax")] // bare: the course's example
    public async Task Softmax_of_5_2_minus1_3_shows_the_steps_and_0_842(string line)
    {
        var cell = await _kernel.SubmitAsync(line);
        Assert.True(cell.Succeeded, cell.Describe());
        foreach (var expected in new[] { "0.842", "0.042", "0.002", "0.114", "148.4", "176.26" })
            Assert.Contains(expected, cell.Html);
        Assert.Contains("hardmax", cell.Html);
        Assert.Contains("Plotly.newPlot", cell.Html); // the bar chart
        Assert.Contains(cell.Displays, d => d.FormattedValues.Any(v => v.MimeType == "application/vnd.plotly.v1+json" && v.Value.Contains("\"bar\"")));
    }

    [Fact]
    public async Task Softmax_written_with_commas_and_a_true_class_shows_the_loss_and_dZ()
    {
        var cell = await _kernel.SubmitAsync("#!softmax 5,2,-1,3 --labels cat,dog,chick,none --y 0");
        Assert.True(cell.Succeeded, cell.Describe());
        Assert.Contains("cat", cell.Html);
        Assert.Contains("dZ = a − y", cell.Html);
        Assert.Contains("−log 0.8420 = 0.1719", cell.Html);
        Assert.Contains("-0.158", cell.Html); // dZ for the true class: 0.842 - 1
        Assert.Contains("#!softmax [5,2,-1,3] --labels cat,dog,chick,none --y 0", cell.Html); // the settings, echoed
    }

    [Fact]
    public async Task The_result_is_stored_as_a_csharp_variable_the_next_cell_can_use()
    {
        var cell = await _kernel.SubmitAsync("#!softmax [1,1] --as half");
        Assert.True(cell.Succeeded, cell.Describe());
        Assert.Contains("stored as C# variable half", cell.Html);
        var next = await _kernel.SubmitAsync("half.A[0] + half.A[1]");
        Assert.True(next.Succeeded, next.Describe());
        Assert.Equal(0.5, _kernel.Variable<NotebookDL.Losses.SoftmaxSteps>("half").A[0], 12);
    }

    [Theory]
    [InlineData("#!softmax --bogus 3", "unknown option --bogus")]
    [InlineData("#!softmax [5,2] --y 7", "--y must be a whole number between 0 and 1, got 7")]
    [InlineData("#!softmax [5,2] --labels a,b,c", "--labels names 3 classes but there are 2 scores")]
    [InlineData("#!softmax 5,abc", "--z must be a number")]
    [InlineData("#!softmax [5,abc]", "--z [5,abc] is not a list of numbers like [1, 2.5, -3]")] // the directive parser rejects it first: our message replaces its DNI106
    [InlineData("#!softmax 1 2 3", "unexpected value '2'")]
    [InlineData("#!softmax [1,2] --y", "--y needs a value")]
    [InlineData("#!softmax [1,2] --as 3x", "--as must be a C# variable name")]
    public async Task Bad_input_gives_a_clear_error_and_the_kernel_carries_on(string line, string message)
    {
        var cell = await _kernel.SubmitAsync(line);
        Assert.False(cell.Succeeded);
        Assert.Contains(message, cell.Failure!.Message);
        var next = await _kernel.SubmitAsync("#!softmax [0,0]");
        Assert.True(next.Succeeded, next.Describe());
    }

    [Fact]
    public async Task Help_lists_the_options()
    {
        var cell = await _kernel.SubmitAsync("#!softmax --help");
        Assert.True(cell.Succeeded, cell.Describe());
        Assert.Contains("--labels", cell.Html);
        Assert.Contains("[5,2,-1,3], the course&#39;s example", cell.Html); // what a bare #!softmax takes
    }

    [Fact]
    public async Task A_softmax_returned_from_a_csharp_cell_renders_as_the_steps_table()
    {
        var cell = await _kernel.SubmitAsync("NotebookDL.Losses.Softmax.Steps(new double[] { 5, 2, -1, 3 })");
        Assert.True(cell.Succeeded, cell.Describe());
        Assert.Contains("0.842", cell.Html);
        Assert.Contains("softmax, step by step", cell.Html);
    }
}
