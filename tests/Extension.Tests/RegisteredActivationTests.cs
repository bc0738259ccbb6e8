using NotebookDL.Extension.Commands;
using NotebookDL.Extension.Session;
using NotebookDL.Layers;
using NotebookDL.Probes;
using NotebookDL.Tensors;
using NotebookDL.Training;
using Xunit.Abstractions;

namespace NotebookDL.Tests.Extension;

/// <summary>
/// An activation defined outside the engine (<see cref="Softsign"/>: one file, one registry line) is, once
/// registered, a choice of <c>#!train</c> and <c>#!search</c>, listed in their help, and passes the engine's
/// gradient check.
/// </summary>
[Collection("notebook state")]
public class RegisteredActivationTests : IClassFixture<SharedKernel>
{
    private readonly NotebookKernel _kernel;
    private readonly ITestOutputHelper _output;

    public RegisteredActivationTests(SharedKernel shared, ITestOutputHelper output)
    {
        Softsign.Register();
        _kernel = shared.Kernel;
        _output = output;
        _kernel.Session.Reset(); // the built-in digits
    }

    [Fact]
    public async Task Train_builds_the_network_with_the_registered_activation()
    {
        var cell = await _kernel.SubmitAsync("#!train --activation softsign --hidden 20 --epochs 1 --as soft");
        Assert.True(cell.Succeeded, cell.Describe());
        var run = _kernel.Variable<TrainingRun>("soft");
        Assert.Equal(["Dense 64→20", "Softsign", "Dense 20→10"], run.Network.Layers.Select(l => l.Name));
        Assert.Single(run.History.Epochs);
        Assert.Contains("--activation softsign", cell.Html);
    }

    [Fact]
    public async Task Train_help_lists_it_among_the_activations()
    {
        var help = await _kernel.SubmitAsync("#!train --help");
        Assert.True(help.Succeeded, help.Describe());
        Assert.Contains("relu, tanh, sigmoid, leaky-relu, prelu, elu, maxout", help.Html);
        Assert.Contains("softsign", help.Html);
        Assert.Contains("softsign", NotebookDL.Extension.Options.TrainingOptionTable.Activation.Help);
    }

    [Fact]
    public async Task A_search_chooses_between_relu_and_it()
    {
        var cell = await _kernel.SubmitAsync("#!search --activation choice:relu,softsign --trials 2 --epochs 1 --grid --as softSearch");
        Assert.True(cell.Succeeded, cell.Describe());
        var trials = _kernel.Variable<SearchRun>("softSearch").Result.Trials;
        Assert.Equal(["relu", "softsign"], trials.Select(t => t.Parameters.Text("activation")).Order());
        Assert.All(trials, t => Assert.Equal(NotebookDL.Search.TrialStatus.Completed, t.Status));
    }

    [Fact]
    public async Task The_activation_functions_plot_and_the_activation_statistics_take_it()
    {
        var plot = await _kernel.SubmitAsync("#!activation-functions --names tanh,softsign");
        Assert.True(plot.Succeeded, plot.Describe());
        Assert.Contains("Softsign", plot.Html);
        var stats = await _kernel.SubmitAsync("#!activations --activation softsign --layers 2 --units 10 --samples 5 --as softStats");
        Assert.True(stats.Succeeded, stats.Describe());
    }

    [Fact]
    public void Its_backward_pass_passes_the_gradient_check()
    {
        var rng = new Rng(21);
        var report = GradientCheck.Layer(new Softsign(), Mat.Gaussian(6, 7, rng, scale: 2), Mode.Train, rng);
        _output.WriteLine(report.ToString());
        Assert.True(report.Passed, report.ToString());
    }

    [Fact]
    public void It_computes_the_formula_and_its_derivative_at_known_points()
    {
        var layer = new Softsign();
        var y = layer.Forward(Mat.Row(-3, 0, 1, 9), Mode.Train);
        Assert.Equal([-0.75, 0, 0.5, 0.9], y.Data());
        var dx = layer.Backward(Mat.Row(1, 1, 1, 2));
        Assert.Equal([1 / 16.0, 1, 0.25, 0.02], dx.Data());
    }

    [Fact]
    public void A_network_with_it_is_saved_and_loaded_through_its_registry_entry()
    {
        var net = Mlp.Create(new MlpOptions { InputSize = 4, Classes = 3, Hidden = [5], Activation = "softsign", Seed = 2 });
        var loaded = NetworkFile.FromJson(NetworkFile.ToJson(net)).Network;
        var x = Mat.Gaussian(3, 4, new Rng(3));
        Assert.IsType<Softsign>(loaded.Layers[1]);
        Assert.Equal(net.Forward(x, Mode.Test), loaded.Forward(x, Mode.Test));
    }
}
