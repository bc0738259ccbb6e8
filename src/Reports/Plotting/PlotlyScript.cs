namespace NotebookDL.Reports;

/// <summary>
/// The offline plotly.js, emitted once per kernel (at load) in an output that is never updated, so every
/// chart after it only needs <c>window.Plotly</c>. Wrapped so that a page's require.js (nbconvert's HTML and
/// classic Jupyter load one) cannot capture it as an anonymous AMD module: inside the wrapper <c>define</c>,
/// <c>module</c> and <c>exports</c> are undefined, so plotly's UMD header falls back to <c>window.Plotly</c>.
/// </summary>
public static class PlotlyScript
{
    /// <summary>The HTML of one script element defining window.Plotly, or doing nothing when it already exists.</summary>
    public static string Html()
    {
        var js = ChartHost.PlotlyJs().Replace("</script", "<\\/script", StringComparison.OrdinalIgnoreCase);
        return "<script type=\"text/javascript\">\n(function () {\nif (window.Plotly) { return; }\n" +
               "var define = undefined, module = undefined, exports = undefined, require = undefined;\n" +
               js + "\n}).call(window);\n</script>";
    }
}
