using System.Text.Json.Nodes;
using Plotly.NET;

namespace NotebookDL.Charts.Building;

/// <summary>
/// A chart to the figure JSON plotly.js draws: Plotly.NET's <c>GenericChart.toFigureJson</c> gives
/// <c>{"data", "layout", "frames": []}</c> with plain arrays; the empty frames go, and so does the width when the
/// spec left it open (plotly.js then fills the width of the page's output area).
/// </summary>
internal static class FigureJson
{
    public static string Of(GenericChart chart, bool fitPageWidth)
    {
        var figure = JsonNode.Parse(GenericChart.toFigureJson(chart))!.AsObject();
        figure.Remove("frames");
        if (fitPageWidth) figure["layout"]!.AsObject().Remove("width");
        return figure.ToJsonString();
    }
}
