namespace NotebookDL.Tests.Extension;

public class ActivationFunctionsCommandTests : IClassFixture<SharedKernel>
{
    private readonly NotebookKernel _kernel;

    public ActivationFunctionsCommandTests(SharedKernel shared) => _kernel = shared.Kernel;

    [Fact]
    public async Task Functions_and_gradients_come_from_the_engine_s_layers()
    {
        var cell = await _kernel.SubmitAsync("#!activation-functions --names sigmoid,tanh,relu");
        Assert.True(cell.Succeeded, cell.Describe());
        Assert.Contains("Plotly.newPlot", cell.Html);
        // sigmoid(0) = 0.5 and its largest gradient is 0.25; tanh's largest gradient is 1.
        Assert.Contains("<td style=\"border:1px solid #ddd;padding:2px 8px;text-align:right\">0.5</td>", cell.Html);
        Assert.Contains(">0.25<", cell.Html);
        Assert.Contains("dead", cell.Html);
    }

    [Fact]
    public async Task An_unknown_function_is_a_clear_error()
    {
        var cell = await _kernel.SubmitAsync("#!activation-functions --names relu,swish");
        Assert.False(cell.Succeeded);
        Assert.Contains("unknown activation 'swish'", cell.Failure!.Message);
    }
}
