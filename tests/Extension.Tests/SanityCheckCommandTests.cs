using NotebookDL.Babysitting;
using NotebookDL.Extension.Session;
using NotebookDL.Training;

namespace NotebookDL.Tests.Extension;

[Collection("notebook state")]
public class SanityCheckCommandTests : IClassFixture<SharedKernel>
{
    private readonly NotebookKernel _kernel;

    public SanityCheckCommandTests(SharedKernel shared)
    {
        _kernel = shared.Kernel;
        _kernel.Session.Reset();
    }

    [Fact]
    public async Task The_three_babysitting_checks_pass_on_the_digits_with_the_lecture_s_numbers()
    {
        var cell = await _kernel.SubmitAsync("#!sanity-check");
        Assert.True(cell.Succeeded, cell.Describe());
        var checks = _kernel.Variable<SanityChecks>("sanity");
        Assert.Equal(Math.Log(10), checks.LnC, 12);
        Assert.Equal(2.3026, checks.InitialCost, 2);
        Assert.True(checks.RegularizedCost > checks.InitialCost);
        Assert.True(checks.OverfitOk, checks.ToString());
        Assert.True(checks.AllPassed);
        Assert.Contains("ln 10 = 2.3026", cell.Html);
        Assert.Contains("all three checks pass", cell.Html);
        Assert.Contains("Plotly.newPlot", cell.Html);
    }

    [Fact]
    public async Task On_20_synthetic_cifar_shaped_images_the_3072_50_10_net_gives_the_lecture_s_2_30_and_3_07_and_memorises_them()
    {
        try
        {
            var data = await _kernel.SubmitAsync("#!dataset synthetic --train 20");
            Assert.True(data.Succeeded, data.Describe());
            var cell = await _kernel.SubmitAsync("#!sanity-check --as cifarShaped");
            Assert.True(cell.Succeeded, cell.Describe());
            var checks = _kernel.Variable<SanityChecks>("cifarShaped");
            Assert.Equal(2.3026, checks.InitialCost, 2);
            // The lecture: L2 with λ = 1e3 on a 3072-50-10 net with weights of std 1e-4 lifts 2.30 to 3.07
            // (0.5 · 1e3 · 153,600 weights · 1e-8 ≈ 0.77).
            Assert.Equal(3.07, checks.RegularizedCost, 0.05);
            Assert.True(checks.OverfitOk, checks.ToString());
            Assert.Equal(1e-3, checks.OverfitLearningRate);
            Assert.True(checks.Overfit.Costs[^1] < 0.01, checks.ToString());
            Assert.Contains("overfit 20 examples: train accuracy 1.00 at lr 0.001: pass", cell.Text);
        }
        finally
        {
            _kernel.Session.Reset();
        }
    }

    [Fact]
    public async Task An_overfit_that_cannot_succeed_fails_its_check_and_says_so()
    {
        // One epoch at a tiny learning rate cannot reach accuracy 1.00.
        var cell = await _kernel.SubmitAsync("#!sanity-check --epochs 1 --lr 1e-9 --as weak");
        Assert.True(cell.Succeeded, cell.Describe());
        var checks = _kernel.Variable<SanityChecks>("weak");
        Assert.False(checks.OverfitOk);
        Assert.Contains("a check failed", cell.Html);
    }

    [Fact]
    public async Task The_overfit_stops_at_max_seconds_shows_what_ran_and_says_so()
    {
        var cell = await _kernel.SubmitAsync("#!sanity-check --epochs 100000 --lr 1e-9 --max-seconds 0.5 --as quick");
        Assert.True(cell.Succeeded, cell.Describe());
        var checks = _kernel.Variable<SanityChecks>("quick");
        Assert.Equal(StopReason.TimeBudget, checks.Overfit.StopReason);
        Assert.True(checks.Overfit.Costs.Count > 0, "the iterations that ran are kept");
        var updates = string.Join("", cell.Events.OfType<Microsoft.DotNet.Interactive.Events.DisplayedValueUpdated>()
            .SelectMany(e => e.FormattedValues).Select(v => v.Value));
        Assert.Contains("trying lr 1e-09", updates); // the live line while it runs
        Assert.Contains("time budget of 0.5 s reached (--max-seconds)", updates);
        Assert.Contains("--max-seconds 0.5", cell.Html);
    }

    [Theory]
    [InlineData("#!sanity-check --max-seconds 0", "--max-seconds must be a number between 0.1 and 86400")]
    [InlineData("#!sanity-check --hidden 10,0", "--hidden sizes must be positive")]
    [InlineData("#!sanity-check --examples 100000", "--examples 100000 is more than the")]
    [InlineData("#!sanity-check --reg -1", "--reg must be a number between 0 and")]
    public async Task Bad_options_give_a_clear_error(string line, string message)
    {
        var cell = await _kernel.SubmitAsync(line);
        Assert.False(cell.Succeeded);
        Assert.Contains(message, cell.Failure!.Message);
    }
}
