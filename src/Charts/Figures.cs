using NotebookDL.Charts.Building;
using NotebookDL.Charts.Spec;
using Plotly.NET;
using Plotly.NET.CSharp;

namespace NotebookDL.Charts;

/// <summary>
/// The chart assembly's whole public surface. Every method takes and returns strings only, so a host can call it
/// by reflection across an <c>AssemblyLoadContext</c> without sharing any Plotly.NET or FSharp.Core type
/// (see README.md: the kernel's FSharp.Core 10.0 cannot run Plotly.NET 6).
/// </summary>
public static class Figures
{
    /// <summary>
    /// Builds the plotly figure a <see cref="FigureSpec"/> (as <see cref="SpecJson"/> writes it) describes.
    /// </summary>
    /// <param name="specJson">A <see cref="FigureSpec"/> in JSON.</param>
    /// <returns>
    /// One JSON object <c>{"data": [...], "layout": {...}}</c> with plain number arrays (null where the data was
    /// NaN or infinite): draw it with <c>Plotly.newPlot(div, fig.data, fig.layout)</c> or publish it as
    /// <c>application/vnd.plotly.v1+json</c>.
    /// </returns>
    /// <exception cref="ArgumentException">The JSON is not a FigureSpec, or the spec is inconsistent (the message
    /// names the panel and trace, e.g. <c>panels[0].traces[1] 'val': x has 10 values but y has 9</c>).</exception>
    public static string Build(string specJson)
    {
        ArgumentNullException.ThrowIfNull(specJson);
        var spec = SpecJson.Deserialize(specJson);
        SpecValidator.Validate(spec);

        GenericChart chart;
        string? title;
        int rows;
        if (spec.Parallel is { } parallel)
        {
            (chart, var dropped, var trials) = ParallelChart.Build(parallel);
            title = dropped == 0 ? spec.Title
                : $"{spec.Title}{(string.IsNullOrEmpty(spec.Title) ? "" : " ")}({dropped} of {trials} trials not shown: non-finite values)";
            rows = 1;
        }
        else
        {
            spec = SharedLegend.Colour(spec);
            (chart, title, rows) = FigureCharts.Build(spec);
        }

        if (!string.IsNullOrEmpty(title)) chart = Plotly.NET.Chart.withTitle(title, null).Invoke(chart);
        chart = chart.WithSize(Opt.Val(spec.Width), spec.Height ?? DefaultHeight(rows));

        if (spec.BarMode is not null || spec.ShowLegend is not null)
        {
            var layout = new Layout();
            if (spec.BarMode is not null) layout.SetProperty("barmode", spec.BarMode);
            if (spec.ShowLegend is { } show) layout.SetProperty("showlegend", show);
            chart = Plotly.NET.Chart.withLayout(layout).Invoke(chart);
        }

        var figure = FigureJson.WithoutEmptyTraceContainers(FigureJson.Of(chart, fitPageWidth: spec.Width is null));
        return SharedLegend.Group(figure, spec).ToJsonString();
    }

    /// <summary>The plotly.min.js source Plotly.NET carries (about 3.6 MB), to inline once per page for offline charts.</summary>
    public static string PlotlyJs() => PlotlyJsResource.Script;

    /// <summary>The version of <see cref="PlotlyJs"/>, e.g. "2.28.0".</summary>
    public static string PlotlyJsVersion() => PlotlyJsResource.Version;

    /// <summary>Height when the spec gives none: 420 px for one row of panels, 300 px per row plus 80 for the title.</summary>
    private static int DefaultHeight(int rows) => rows <= 1 ? 420 : 300 * rows + 80;
}
