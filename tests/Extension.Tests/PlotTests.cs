using NotebookDL.Charts.Spec;

namespace NotebookDL.Tests.Extension;

public class PlotTests : IClassFixture<SharedKernel>
{
    private readonly NotebookKernel _kernel;

    public PlotTests(SharedKernel shared) => _kernel = shared.Kernel;

    [Fact]
    public async Task A_cell_returning_Plot_Line_shows_a_plotly_chart()
    {
        var cell = await _kernel.SubmitAsync("NotebookDL.Plot.Line(new double[] { 1, 2, 3 })");
        Assert.True(cell.Succeeded, cell.Describe());
        Assert.Contains("Plotly.newPlot", cell.Html);
        Assert.Contains(cell.Displays, d => d.FormattedValues.Any(v => v.MimeType == "application/vnd.plotly.v1+json" && v.Value.Contains("\"scatter\"")));
    }

    [Fact]
    public async Task Every_helper_is_reachable_from_a_cell_with_using_NotebookDL()
    {
        var cell = await _kernel.SubmitAsync("""
            using NotebookDL;
            var charts = new[]
            {
                Plot.Line(new double[] { 1, 2 }, new double[] { 1, 0.01 }, "loss", "epoch", "loss", logY: true),
                Plot.Lines("curves", ("train", new double[] { 1, 2 }, new double[] { 3, 4 }), ("val", new double[] { 1, 2 }, new double[] { 3, 5 })),
                Plot.Histogram(new double[] { 1, 2, 2, 3, double.NaN }, bins: 3),
                Plot.Bar(new[] { "a", "b" }, new double[] { 1, 2 }, "counts"),
                Plot.Scatter(new double[] { 0, 1 }, new double[] { 1, 0 }, new[] { 0, 1 }),
                Plot.Heatmap(new double[,] { { 1, -2 }, { 3, 4 } }),
                Plot.Heatmap(MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(2, 2, 1.0)),
            };
            string.Join("|", charts.Select(c => c.Error ?? "ok"))
            """);
        Assert.True(cell.Succeeded, cell.Describe());
        Assert.Contains("ok|ok|ok|ok|ok|ok|ok", cell.Text);
    }

    [Fact]
    public void The_helpers_build_the_charts_they_promise()
    {
        var line = Plot.Line(new double[] { 1, 2 }, new double[] { 1, 0.01 }, logY: true);
        Assert.True(line.Spec.Panels[0].LogY);
        var histogram = Plot.Histogram(new double[] { 1, 2, 2, 3, double.NaN }, bins: 3);
        Assert.Equal(new double[] { 1, 2, 1 }, histogram.Spec.Panels[0].Traces[0].Y!);
        Assert.Contains("1 NaN or infinite left out", histogram.Spec.Title);
        var heatmap = Plot.Heatmap(new double[,] { { 1, -2 }, { 3, 4 } });
        var trace = heatmap.Spec.Panels[0].Traces[0];
        Assert.Equal(ColorScales.RdBu, trace.ColorScale);
        Assert.Equal(new AxisRange(-4, 4), trace.ColorRange); // white at 0
        Assert.Equal(new double[] { 1, -2 }, trace.Z![0]);
        var scatter = Plot.Scatter(new double[] { 0, 1, 2 }, new double[] { 1, 0, 1 }, new[] { 0, 1, 1 });
        Assert.Equal(2, scatter.Spec.Panels[0].Traces.Length);
    }

    [Fact]
    public void Mismatched_lengths_are_refused_naming_both_arrays()
    {
        var e = Assert.Throws<ArgumentException>(() => Plot.Line(new double[] { 1, 2 }, new double[] { 1 }));
        Assert.Contains("x has 2 values but y has 1", e.Message);
        Assert.Throws<ArgumentException>(() => Plot.Bar(["a"], [1, 2]));
        Assert.Throws<ArgumentException>(() => Plot.Histogram([double.NaN]));
        Assert.Throws<ArgumentOutOfRangeException>(() => Plot.Histogram([1.0], bins: 0));
    }
}
