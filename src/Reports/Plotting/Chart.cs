using System.Net;
using NotebookDL.Charts.Spec;

namespace NotebookDL.Reports;

/// <summary>
/// A chart ready to show: the plotly figure JSON built by Plotly.NET from a <see cref="FigureSpec"/>.
/// Displayed as <c>text/html</c> (a div and a script that draws it with <c>window.Plotly</c>, which the
/// extension embedded once at load, or <see cref="HtmlPage"/> at the top of a page) and as <c>application/vnd.plotly.v1+json</c>, which JupyterLab and VS
/// Code render natively even where scripts do not run.
/// </summary>
public sealed class Chart
{
    private Chart(FigureSpec spec, string? figureJson, string? error)
    {
        Spec = spec;
        FigureJson = figureJson;
        Error = error;
    }

    /// <summary>What was asked for.</summary>
    public FigureSpec Spec { get; }

    /// <summary>The plotly figure <c>{"data": ..., "layout": ...}</c>, or null when it could not be built.</summary>
    public string? FigureJson { get; }

    /// <summary>Why the figure could not be built, or null.</summary>
    public string? Error { get; }

    /// <summary>
    /// Builds the figure. A failure to build (e.g. the chart folder is missing) does not throw: the chart
    /// shows the reason instead, so the rest of a command's output still appears.
    /// </summary>
    public static Chart From(FigureSpec spec)
    {
        try
        {
            return new Chart(spec, ChartHost.BuildFigure(SpecJson.Serialize(spec)), null);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            var inner = e is System.Reflection.TargetInvocationException { InnerException: { } ie } ? ie : e;
            return new Chart(spec, null, $"chart '{spec.Title}' could not be drawn: {inner.Message}");
        }
    }

    /// <summary>A div and the script that draws the figure into it once plotly.js is there.</summary>
    public string ToHtml()
    {
        if (FigureJson is null)
            return $"<div class=\"notebookdl-chart-error\" style=\"color:#a00\">{WebUtility.HtmlEncode(Error)}</div>";
        var id = "ndl-" + Guid.NewGuid().ToString("N")[..12];
        int height = Spec.Height ?? 420;
        // The figure is drawn when window.Plotly exists; the load cell's output defines it. If it never
        // comes (scripts blocked, load cell not run), say so in place of the chart.
        return $$"""
            <div id="{{id}}" class="notebookdl-chart" style="width:100%;min-height:{{height}}px"></div>
            <script type="text/javascript">
            (function () {
              var fig = {{FigureJson}};
              var tries = 0;
              function draw() {
                var el = document.getElementById('{{id}}');
                if (!el) return;
                if (window.Plotly) { window.Plotly.newPlot(el, fig.data, fig.layout, {responsive: true, displaylogo: false}); return; }
                if (++tries > 100) { el.textContent = 'plotly.js is not loaded: run the notebook\'s first cell (#r "nuget:NotebookDL") to load NotebookDL, then this cell again.'; return; }
                setTimeout(draw, 100);
              }
              draw();
            })();
            </script>
            """;
    }

    /// <summary>The figure JSON for the <c>application/vnd.plotly.v1+json</c> mime type.</summary>
    public string ToPlotlyJson() => FigureJson ?? "{\"data\": [], \"layout\": {\"title\": {\"text\": \"chart unavailable\"}}}";

    public override string ToString() => FigureJson is null ? Error! : $"chart: {Spec.Title}";
}
