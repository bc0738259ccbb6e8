using NotebookDL.Extension.Formatters;
using NotebookDL.Probes;
using NotebookDL.Reports;
using Xunit.Abstractions;

namespace NotebookDL.Tests.Extension;

/// <summary>
/// The lecture's initialisation demo through #!activations. Most tests use 200 samples instead of 1000 to
/// stay fast: the statistics are over all samples·500 values per layer, and the claims depend on the width.
/// </summary>
public class ActivationsCommandTests : IClassFixture<SharedKernel>
{
    private readonly NotebookKernel _kernel;
    private readonly ITestOutputHelper _output;

    public ActivationsCommandTests(SharedKernel shared, ITestOutputHelper output)
    {
        _kernel = shared.Kernel;
        _output = output;
    }

    [Fact]
    public async Task With_the_lecture_defaults_small_weights_shrink_tanh_activations_below_1e_5_by_layer_10()
    {
        var cell = await _kernel.SubmitAsync("#!activations");
        Assert.True(cell.Succeeded, cell.Describe());
        var report = _kernel.Variable<ActivationReport>("activations");
        Assert.Contains("X = randn(1000, 500)", report.Title);
        Assert.Equal(10, report.Rows.Count);
        Assert.True(report.Rows[9].Std < 1e-5, report.Rows[9].Line());
        Assert.Contains("<b>" + Html.Num(report.Rows[9].Std) + "</b>", cell.Html); // shown in the table
        Assert.Contains("#!activations --init small --activation tanh --layers 10 --units 500 --samples 1000 --seed 0", cell.Html);
        Assert.Contains("stored as C# variable activations (ActivationReport)", cell.Html);
        HtmlChecks.AssertReadable(cell.Html);
        _output.WriteLine(cell.Text);
    }

    [Fact]
    public async Task Small_weights_show_the_std_collapsing_layer_by_layer_with_histograms_and_a_log_std_chart()
    {
        var cell = await _kernel.SubmitAsync("#!activations --init small --samples 200 --as small200");
        Assert.True(cell.Succeeded, cell.Describe());
        var rows = _kernel.Variable<ActivationReport>("small200").Rows;
        Assert.True(rows[9].Std < 1e-5, rows[9].Line());
        for (int l = 1; l < 10; l++) Assert.True(rows[l].Std < rows[l - 1].Std);
        Assert.Contains("<b>" + Html.Num(rows[9].Std) + "</b>", cell.Html);
        var charts = cell.Formatted(ChartFormatters.PlotlyMimeType).ToList();
        Assert.Equal(2, charts.Count);
        Assert.Contains("layer 10: std", charts[0]); // one histogram panel per layer
        Assert.Contains("\"type\":\"bar\"", charts[0].Replace(" ", ""));
        Assert.Contains("\"type\":\"log\"", charts[1].Replace(" ", "")); // std spans decades
    }

    [Fact]
    public async Task Large_weights_saturate_more_than_89_percent_of_the_tanh_units_in_every_layer()
    {
        var cell = await _kernel.SubmitAsync("#!activations --init large --samples 200 --as large200");
        Assert.True(cell.Succeeded, cell.Describe());
        var rows = _kernel.Variable<ActivationReport>("large200").Rows;
        Assert.All(rows, r => Assert.True(r.SaturatedFraction > 0.89, r.Line()));
        Assert.All(rows, r => Assert.Contains(Html.Percent(r.SaturatedFraction), cell.Html));
        Assert.Contains("large (1.0", cell.Html);
    }

    [Fact]
    public async Task Xavier_keeps_the_std_above_0_1_at_layer_10()
    {
        var cell = await _kernel.SubmitAsync("#!activations --init xavier-normal --samples 200 --as xavier200");
        Assert.True(cell.Succeeded, cell.Describe());
        var rows = _kernel.Variable<ActivationReport>("xavier200").Rows;
        Assert.True(rows[9].Std > 0.1, rows[9].Line());
        Assert.Contains("<b>" + Html.Num(rows[9].Std) + "</b>", cell.Html);
        Assert.Contains("randn/√fan_in", cell.Html);
    }

    [Fact]
    public async Task Comparing_small_large_and_xavier_shows_all_three_side_by_side_with_one_std_chart()
    {
        var cell = await _kernel.SubmitAsync("#!activations --init small,large,xavier --samples 200 --as compared");
        Assert.True(cell.Succeeded, cell.Describe());
        var reports = _kernel.Variable<Dictionary<string, ActivationReport>>("compared");
        Assert.Equal(["small", "large", "xavier"], reports.Keys);
        Assert.True(reports["small"].Rows[9].Std < 1e-5);
        Assert.True(reports["large"].Rows.Min(r => r.SaturatedFraction) > 0.89);
        Assert.True(reports["xavier"].Rows[9].Std > 0.1);
        Assert.Contains("3 initialisations: small, large, xavier", cell.Html);
        foreach (var r in reports.Values) Assert.Contains("<b>" + Html.Num(r.Rows[9].Std) + "</b>", cell.Html);
        // What each init means, and why xavier uniform matches randn/√fan_in here.
        Assert.Contains("std 0.01", cell.Html);
        Assert.Contains("std 0.0447", cell.Html);
        Assert.Contains("1/√500", cell.Html);
        var charts = cell.Formatted(ChartFormatters.PlotlyMimeType).ToList();
        Assert.Equal(4, charts.Count); // the std lines, then histograms per init
        Assert.Contains("\"type\":\"log\"", charts[0].Replace(" ", ""));
        foreach (var init in new[] { "small", "large", "xavier" }) Assert.Contains($"\"name\":\"{init}\"", charts[0].Replace(" ", ""));
        Assert.Contains("stored as C# variable compared (Dictionary&lt;String, ActivationReport&gt;)", cell.Html);
        HtmlChecks.AssertReadable(cell.Html);
        _output.WriteLine(cell.Text);
    }

    [Fact]
    public async Task Relu_with_he_init_reports_zeros_instead_of_saturation()
    {
        var cell = await _kernel.SubmitAsync("#!activations he --activation relu --layers 4 --units 100 --samples 100 --as he");
        Assert.True(cell.Succeeded, cell.Describe());
        var rows = _kernel.Variable<ActivationReport>("he").Rows;
        Assert.All(rows, r => Assert.InRange(r.ZeroFraction, 0.4, 0.6));
        Assert.All(rows, r => Assert.True(double.IsNaN(r.SaturatedFraction)));
        Assert.Contains(Html.Percent(rows[0].ZeroFraction), cell.Html);
    }

    [Fact]
    public async Task Scale_overrides_init_with_a_gaussian_of_that_scale()
    {
        var cell = await _kernel.SubmitAsync("#!activations --init large --scale 0.05 --layers 2 --units 50 --samples 20 --as scaled");
        Assert.True(cell.Succeeded, cell.Describe());
        Assert.Contains("W: 0.05·randn", _kernel.Variable<ActivationReport>("scaled").Title);
        Assert.Contains("--init gaussian:0.05", cell.Html);
    }

    [Theory]
    [InlineData("#!activations --layers -1", "--layers must be a whole number ≥ 1, got -1")]
    [InlineData("#!activations --init bogus", "--init: unknown init 'bogus'")]
    [InlineData("#!activations --units 100000 --layers 1000", "10,000,000,000,000 weights (limit 25,000,000)")]
    [InlineData("#!activations --units 100000 --layers 1000", "TB of memory")]
    [InlineData("#!activations --units 100000 --layers 1000", "days of matrix products")]
    [InlineData("#!activations --units 5000 --layers 10 --samples 20000", "is too big")]
    [InlineData("#!activations --layers 200 --units 10 --samples 10", "--layers must be a whole number between 1 and 100, got 200")]
    [InlineData("#!activations --init small,small", "--init names 'small' twice")]
    [InlineData("#!activations --activation swish", "--activation must be one of relu, tanh, sigmoid, leaky-relu, elu")] // the element-wise ones registered, in order
    [InlineData("#!activations --scale -1", "--scale must be a number between 0 and 1000, got -1")]
    [InlineData("#!activations --bogus 1", "unknown option --bogus")]
    public async Task Bad_input_gives_a_clear_error_and_the_kernel_carries_on(string line, string message)
    {
        var cell = await _kernel.SubmitAsync(line);
        Assert.False(cell.Succeeded);
        Assert.Contains(message, cell.Failure!.Message);
        var next = await _kernel.SubmitAsync("#!activations --layers 2 --units 10 --samples 5 --as tiny");
        Assert.True(next.Succeeded, next.Describe());
    }

    [Fact]
    public void The_budget_estimate_names_the_time_when_only_the_time_is_too_long()
    {
        // 8 inits of 20 layers x 2000 units on 20000 samples: 8 * 1.6e12 multiply-adds.
        var e = Assert.Throws<NotebookDL.Extension.Commands.CommandException>(() => NotebookDL.Extension.Commands.ActivationsCommand.CheckBudget(10, 1000, 2000, 8));
        Assert.Contains("for 8 inits", e.Message);
        Assert.Contains("of matrix products (limit 30 s)", e.Message);
        NotebookDL.Extension.Commands.ActivationsCommand.CheckBudget(10, 500, 1000, 4); // the lecture's demo for four inits fits
    }

    [Fact]
    public async Task Help_lists_the_options_and_the_init_names()
    {
        var cell = await _kernel.SubmitAsync("#!activations --help");
        Assert.True(cell.Succeeded, cell.Describe());
        foreach (var option in new[] { "--init", "--scale", "--activation", "--layers", "--units", "--samples", "--seed", "--as", "xavier-normal" })
            Assert.Contains(option, cell.Html);
    }
}
