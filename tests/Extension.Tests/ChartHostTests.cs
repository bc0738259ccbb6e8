using NotebookDL.Reports;

namespace NotebookDL.Tests.Extension;

public class ChartHostTests
{
    [Fact]
    public void The_chart_folder_is_found_beside_the_assembly_in_build_output()
    {
        var here = Path.GetDirectoryName(typeof(ChartHost).Assembly.Location)!;
        Assert.Equal(Path.Combine(here, "plotly"), ChartHost.FindChartFolder(here));
        Assert.Equal(Path.Combine(here, "plotly"), ChartHost.ChartFolder);
    }

    [Fact]
    public void The_chart_folder_is_found_in_the_nuget_package_layout()
    {
        // ~/.nuget/packages/notebookdl/<version>/{lib/net10.0, interactive-extensions/dotnet/plotly}
        var root = Directory.CreateTempSubdirectory("notebookdl-package-");
        try
        {
            var lib = Directory.CreateDirectory(Path.Combine(root.FullName, "lib", "net10.0")).FullName;
            var plotly = Directory.CreateDirectory(Path.Combine(root.FullName, "interactive-extensions", "dotnet", "plotly")).FullName;
            File.WriteAllText(Path.Combine(plotly, "NotebookDL.Charts.dll"), "");
            Assert.Equal(plotly, ChartHost.FindChartFolder(lib));
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }

    [Fact]
    public void A_missing_chart_folder_is_a_clear_error_naming_where_it_looked()
    {
        var empty = Directory.CreateTempSubdirectory("notebookdl-empty-");
        try
        {
            var e = Assert.Throws<FileNotFoundException>(() => ChartHost.FindChartFolder(empty.FullName));
            Assert.Contains("NotebookDL.Charts.dll", e.Message);
            Assert.Contains(Path.Combine(empty.FullName, "plotly"), e.Message);
        }
        finally
        {
            empty.Delete(recursive: true);
        }
    }

    [Fact]
    public void Plotly_js_is_2_28_and_wrapped_against_require_js()
    {
        Assert.Equal("2.28.0", ChartHost.PlotlyJsVersion());
        var html = PlotlyScript.Html();
        Assert.StartsWith("<script", html);
        Assert.Contains("var define = undefined, module = undefined, exports = undefined", html);
        Assert.Contains("if (window.Plotly) { return; }", html);
        Assert.True(html.Length > 3_000_000);
    }
}
