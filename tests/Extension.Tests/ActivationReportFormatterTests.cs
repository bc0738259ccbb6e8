using NotebookDL.Extension.Formatters;
using NotebookDL.Init;
using NotebookDL.Probes;
using NotebookDL.Reports;

namespace NotebookDL.Tests.Extension;

public class ActivationReportFormatterTests : IClassFixture<SharedKernel>
{
    private readonly NotebookKernel _kernel;

    public ActivationReportFormatterTests(SharedKernel shared) => _kernel = shared.Kernel;

    private static ActivationReport Small(string activation = "tanh", Initializer? init = null) =>
        ActivationStats.DeepNetExperiment(layers: 4, units: 60, samples: 40, activation: activation, init: init ?? Initializer.XavierNormal, seed: 3);

    [Fact]
    public void The_table_has_one_row_per_layer_with_mean_std_range_and_saturation()
    {
        var report = Small();
        var html = ActivationReportFormatter.Html(report);
        foreach (var r in report.Rows)
        {
            Assert.Contains(r.Label, html);
            Assert.Contains("<b>" + Html.Num(r.Std) + "</b>", html);
            Assert.Contains(Html.Num(r.Min), html);
            Assert.Contains(Html.Percent(r.SaturatedFraction), html);
        }
        foreach (var header in new[] { "mean", "std", "saturated", "zero", "dead units" }) Assert.Contains($">{header}<", html);
        HtmlChecks.AssertReadable(html);
    }

    [Fact]
    public void The_charts_are_a_histogram_per_layer_and_the_std_per_layer()
    {
        var report = Small();
        var charts = ActivationReportFormatter.Charts(report);
        Assert.Equal(2, charts.Count);
        Assert.All(charts, c => Assert.Null(c.Error));
        Assert.Equal(4, charts[0].Spec.Panels.Length);
        Assert.Equal(report.Rows[0].Histogram.Counts.Select(c => (double)c), charts[0].Spec.Panels[0].Traces[0].Y!);
        Assert.Equal(report.Rows.Select(r => r.Std), charts[1].Spec.Panels[0].Traces[0].Y!);
    }

    [Fact]
    public void A_deep_net_shows_at_most_twenty_evenly_spaced_histograms_with_the_first_and_last_layer()
    {
        Assert.Equal([0, 1, 2], ActivationReportFormatter.Spaced(3, 20));
        var spaced = ActivationReportFormatter.Spaced(100, 20);
        Assert.Equal(20, spaced.Count);
        Assert.Equal(0, spaced[0]);
        Assert.Equal(99, spaced[^1]);
    }

    [Fact]
    public async Task A_report_returned_from_a_cell_renders_its_table_and_charts()
    {
        var cell = await _kernel.SubmitAsync(
            "NotebookDL.Probes.ActivationStats.DeepNetExperiment(layers: 3, units: 50, samples: 20, activation: \"relu\", init: NotebookDL.Init.Initializer.He)");
        Assert.True(cell.Succeeded, cell.Describe());
        Assert.Contains("hidden layer 3", cell.Html);
        Assert.Contains("Plotly.newPlot", cell.Html);
        Assert.Contains("hidden layer 1 (ReLU)", cell.Text);
    }

    [Fact]
    public async Task A_dictionary_of_reports_returned_from_a_cell_renders_side_by_side_with_one_std_chart()
    {
        var cell = await _kernel.SubmitAsync("""
            using NotebookDL.Init; using NotebookDL.Probes;
            new Dictionary<string, ActivationReport>
            {
                ["small"] = ActivationStats.DeepNetExperiment(layers: 3, units: 50, samples: 20, init: Initializer.Small),
                ["xavier"] = ActivationStats.DeepNetExperiment(layers: 3, units: 50, samples: 20, init: Initializer.XavierNormal),
            }
            """);
        Assert.True(cell.Succeeded, cell.Describe());
        Assert.Contains("activations per layer for 2 initialisations: small, xavier", cell.Html);
        Assert.Contains("std of the activations per layer", cell.Html);
        Assert.Contains("\"type\":\"log\"", cell.Html.Replace(" ", ""));
        HtmlChecks.AssertReadable(cell.Html);
    }

    [Fact]
    public void The_comparison_text_puts_each_report_in_its_own_column_group()
    {
        var reports = new Dictionary<string, ActivationReport> { ["xavier"] = Small(), ["he/relu"] = Small("relu", Initializer.He) };
        var text = ActivationReportFormatter.Text(reports);
        Assert.Contains("sat.", text);
        Assert.Contains("zero", text);
        Assert.Contains(Html.Num(reports["he/relu"].Rows[3].Std), text.Split('\n')[^1]);
    }
}
