using NotebookDL.Extension.Formatters;
using NotebookDL.Training;

namespace NotebookDL.Tests.Extension;

public class NetworkFormatterTests : IClassFixture<SharedKernel>
{
    private readonly NotebookKernel _kernel;

    public NetworkFormatterTests(SharedKernel shared) => _kernel = shared.Kernel;

    [Fact]
    public async Task A_network_returned_from_a_cell_lists_each_layer_with_its_output_shape_and_parameters()
    {
        var cell = await _kernel.SubmitAsync(
            "NotebookDL.Training.Mlp.Create(new NotebookDL.Training.MlpOptions { InputSize = 64, Classes = 10, Hidden = new[] { 50 }, BatchNorm = true, " +
            "Regularizer = NotebookDL.Regularization.Regularizer.L2(0.001) })");
        Assert.True(cell.Succeeded, cell.Describe());
        var html = cell.Html;
        Assert.Contains("Network: 64 → 50 → 10", html);
        Assert.Contains("Dense 64→50 (no bias)", html); // batch norm's beta takes the bias's role
        Assert.Contains("(N, 50)", html);
        Assert.Contains("W (64, 50)", html);
        Assert.Contains("gamma (1, 50), beta (1, 50)", html);
        Assert.Contains("W (50, 10), b (1, 10)", html);
        // 64·50 + 50 + 50 + 50·10 + 10 = 3,810 parameters, 3,700 of them weights.
        var net = Mlp.Create(new MlpOptions { InputSize = 64, Classes = 10, Hidden = [50], BatchNorm = true });
        Assert.Contains($"<b>{net.ParameterCount:N0}</b>", html);
        Assert.Contains($"{net.ParameterCount:N0} parameters ({64 * 50 + 50 * 10:N0} in regularised weights)", html);
        Assert.Contains("loss: " + net.Loss.Name, html);
        Assert.Contains("regularisation: L2", html);
        HtmlChecks.AssertReadable(html);
    }

    [Fact]
    public void Two_hidden_layers_of_the_same_width_both_appear_in_the_heading_and_the_text()
    {
        var net = Mlp.Create(new MlpOptions { InputSize = 5, Classes = 3, Hidden = [10, 10], Activation = "tanh" });
        Assert.Contains("Network: 5 → 10 → 10 → 3", NetworkFormatter.Html(net));
        var text = NetworkFormatter.Text(net);
        Assert.Contains("Tanh", text);
        Assert.Contains($"{net.ParameterCount:N0} parameters", text);
    }
}
