using System.Text.Json.Nodes;
using Newtonsoft.Json;
using Plotly.NET;

namespace NotebookDL.Charts.Building;

/// <summary>
/// A chart to the figure JSON plotly.js draws, <c>{"data": [...], "layout": {...}}</c> with plain arrays: what
/// Plotly.NET's <c>GenericChart.toFigureJson</c> writes (it serialises its Figure with Newtonsoft's default
/// settings), less its empty <c>"frames"</c>, and less the width when the spec left it open (plotly.js then fills
/// the width of the page's output area).
/// </summary>
/// <remarks>
/// Serialising Plotly.NET's default template (the "plotly" look, ~8 KB of nested DynamicObjs) costs ~100 ms per
/// figure and dominated every Build; the data itself takes ~1 ms. Every chart carries a copy of
/// <see cref="Defaults.DefaultTemplate"/> and this assembly never changes it, so its JSON is put back in place of the
/// chart's copy. That JSON is stored with the assembly (<c>DefaultTemplate.json</c>, Newtonsoft's serialisation of
/// Plotly.NET 6.0.0's template) rather than written at run time: the first serialisation took ~0.5 s, half the
/// first chart a notebook waits for. Tests check the stored JSON against Plotly.NET's template and every figure
/// against <c>GenericChart.toFigureJson</c>.
/// </remarks>
internal static class FigureJson
{
    private static readonly Lazy<string> DefaultTemplateJson = new(ReadDefaultTemplate);

    /// <summary>The JSON of <see cref="Defaults.DefaultTemplate"/>, as stored with this assembly.</summary>
    public static string DefaultTemplate => DefaultTemplateJson.Value;

    public static JsonObject Of(GenericChart chart, bool fitPageWidth)
    {
        var layout = GenericChart.getLayout(chart);
        var hasTemplate = layout.TryGetPropertyValue("template") is not null;   // FSharpOption: None is null
        layout.RemoveProperty("template");
        if (fitPageWidth) layout.RemoveProperty("width");

        var layoutNode = JsonNode.Parse(JsonConvert.SerializeObject(layout))!.AsObject();
        if (hasTemplate) layoutNode["template"] = JsonNode.Parse(DefaultTemplate);
        return new JsonObject
        {
            ["data"] = JsonNode.Parse(JsonConvert.SerializeObject(GenericChart.getTraces(chart))),
            ["layout"] = layoutNode,
        };
    }

    /// <summary>
    /// Drops the empty <c>"marker": {}</c> / <c>"line": {}</c> Plotly.NET leaves on a trace that has no markers or no
    /// line: plotly.js ignores them, but its <c>Plotly.validate</c> reports each as "container did not get coerced".
    /// </summary>
    public static JsonObject WithoutEmptyTraceContainers(JsonObject figure)
    {
        foreach (var trace in figure["data"]!.AsArray().OfType<JsonObject>())
            foreach (var empty in trace.Where(p => p.Value is JsonObject { Count: 0 }).Select(p => p.Key).ToArray())
                trace.Remove(empty);
        return figure;
    }

    private static string ReadDefaultTemplate()
    {
        using var stream = typeof(FigureJson).Assembly.GetManifestResourceStream(TemplateResource)
                           ?? throw new InvalidOperationException($"{typeof(FigureJson).Assembly.GetName().Name} carries no {TemplateResource} resource");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private const string TemplateResource = "NotebookDL.Charts.DefaultTemplate.json";
}
