using NotebookDL.Analysis;
using NotebookDL.Extension.Formatters;

namespace NotebookDL.Tests.Extension;

public class BiasVarianceTableFormatterTests : IClassFixture<SharedKernel>
{
    private readonly NotebookKernel _kernel;

    public BiasVarianceTableFormatterTests(SharedKernel shared) => _kernel = shared.Kernel;

    [Fact]
    public void The_table_names_every_gap_and_puts_the_biggest_in_bold()
    {
        var t = new BiasVarianceTable(0, 0.01, 0.015, 0.10, 0.11);
        var html = BiasVarianceTableFormatter.Html(t);
        foreach (var expected in new[] { "human-level", "train-dev", "avoidable bias", "variance", "<b>data mismatch</b>", "<b>+8.5 points</b>", "overfitting to dev", "+1.0 points" })
            Assert.Contains(expected, html);
        Assert.Contains("verdict: data mismatch", html);
        HtmlChecks.AssertReadable(html);
        Assert.Contains("verdict: data mismatch", BiasVarianceTableFormatter.Text(t));
    }

    [Fact]
    public void The_chart_draws_the_errors_as_bars_from_human_level_to_test_skipping_absent_ones()
    {
        var figure = BiasVarianceTableFormatter.Figure(new BiasVarianceTable(0.01, 0.08, null, 0.10));
        var bars = figure.Panels[0].Traces[0];
        Assert.Equal(["human-level", "train", "dev"], bars.Categories!);
        Assert.Equal([1, 8, 10], bars.Y!.Select(v => Math.Round(v, 9)));
        Assert.Contains("avoidable bias", figure.Title);
        Assert.Null(BiasVarianceTableFormatter.Charts(new BiasVarianceTable(0, 0.01, 0.09, 0.10))[0].Error);
    }

    [Fact]
    public async Task A_table_returned_from_a_cell_renders_with_its_chart()
    {
        var cell = await _kernel.SubmitAsync("new NotebookDL.Analysis.BiasVarianceTable(0, 0.01, 0.09, 0.10)");
        Assert.True(cell.Succeeded, cell.Describe());
        Assert.Contains("verdict: variance", cell.Html);
        Assert.Contains("Plotly.newPlot", cell.Html);
    }
}
