using NotebookDL.Charts;

namespace NotebookDL.Tests.Charts;

public class PlotlyJsTests
{
    [Fact]
    public void PlotlyJs_is_the_whole_plotly_min_js_of_the_version_it_reports()
    {
        var script = Figures.PlotlyJs();
        var version = Figures.PlotlyJsVersion();

        Assert.Equal("2.28.0", version);
        Assert.True(script.Length > 3_000_000, $"plotly.min.js is only {script.Length} characters");
        Assert.StartsWith("/**\n* plotly.js v" + version, script);
    }

    [Fact]
    public void PlotlyJs_is_read_once_and_then_served_from_memory()
    {
        Assert.Same(Figures.PlotlyJs(), Figures.PlotlyJs());
    }
}
