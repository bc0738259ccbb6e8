using NotebookDL.Extension.Session;

namespace NotebookDL.Tests.Extension;

[Collection("notebook state")]
public class CompareCommandTests : IClassFixture<SharedKernel>
{
    private readonly NotebookKernel _kernel;

    public CompareCommandTests(SharedKernel shared)
    {
        _kernel = shared.Kernel;
        _kernel.Session.Reset();
    }

    [Fact]
    public async Task Earlier_runs_are_overlaid_and_tabulated()
    {
        Assert.True((await _kernel.SubmitAsync("#!train --epochs 2 --optimizer sgd --lr 0.01 --as plainSgd")).Succeeded);
        Assert.True((await _kernel.SubmitAsync("#!train --epochs 2 --optimizer adam --lr 0.001 --as adamRun")).Succeeded);
        var cell = await _kernel.SubmitAsync("#!compare --runs plainSgd,adamRun --log");
        Assert.True(cell.Succeeded, cell.Describe());
        Assert.Contains("plainSgd", cell.Html);
        Assert.Contains("adamRun", cell.Html);
        Assert.Contains("\"type\":\"log\"", cell.Html.Replace(" ", ""));
        Assert.Contains("--optimizer adam", cell.Html);
    }

    [Fact]
    public async Task A_run_stopped_in_its_first_epoch_is_drawn_with_its_cost_only()
    {
        Assert.True((await _kernel.SubmitAsync("#!train --epochs 2 --lr 1 --as steadyRun")).Succeeded);
        Assert.True((await _kernel.SubmitAsync("#!train --epochs 2 --lr 1e6 --as explodedRun")).Succeeded);
        var cell = await _kernel.SubmitAsync("#!compare --runs steadyRun,explodedRun --log");
        Assert.True(cell.Succeeded, cell.Describe());
        Assert.Contains("Plotly.newPlot", cell.Html);
        Assert.DoesNotContain("could not be drawn", cell.Html);
        Assert.Contains("explodedRun", cell.Html);
        // Each run's verdict, the same as under its #!train, in the verdict table.
        var steady = _kernel.Variable<TrainingRun>("steadyRun").Verdict;
        var exploded = _kernel.Variable<TrainingRun>("explodedRun").Verdict;
        Assert.Equal("lr too high", exploded.Label);
        Assert.Contains("the verdict on each run", cell.Html);
        Assert.Contains($"<b>{steady.Label}</b>", cell.Html);
        Assert.Contains("<b>lr too high</b>", cell.Html);
        Assert.Contains(System.Net.WebUtility.HtmlEncode(exploded.Message), cell.Html);
    }

    [Fact]
    public async Task A_missing_run_is_named_in_the_error()
    {
        var cell = await _kernel.SubmitAsync("#!compare --runs nope");
        Assert.False(cell.Succeeded);
        Assert.Contains("no #!train result in a C# variable named 'nope'", cell.Failure!.Message);
    }

    [Fact]
    public async Task A_variable_of_another_type_is_named_in_the_error()
    {
        Assert.True((await _kernel.SubmitAsync("var notARun = 3;")).Succeeded);
        var cell = await _kernel.SubmitAsync("#!compare --runs notARun");
        Assert.False(cell.Succeeded);
        Assert.Contains("the C# variable 'notARun' holds a Int32, not a #!train result", cell.Failure!.Message);
    }
}
