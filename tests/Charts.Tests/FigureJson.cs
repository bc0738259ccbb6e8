using System.Text.Json.Nodes;
using NotebookDL.Charts;
using NotebookDL.Charts.Spec;

namespace NotebookDL.Tests.Charts;

/// <summary>Builds a spec through the real string boundary (SpecJson, then Figures.Build) and reads the figure back.</summary>
internal static class FigureJson
{
    public static JsonObject Build(FigureSpec spec) => Parse(Figures.Build(SpecJson.Serialize(spec)));

    public static JsonObject Parse(string json) => JsonNode.Parse(json)!.AsObject();

    public static JsonArray Data(this JsonObject figure) => figure["data"]!.AsArray();

    public static JsonObject Layout(this JsonObject figure) => figure["layout"]!.AsObject();

    public static JsonObject Trace(this JsonObject figure, int index) => figure.Data()[index]!.AsObject();

    public static string? Text(this JsonNode? node, string property) => node?[property]?.GetValue<string>();

    /// <summary>A JSON array of numbers, with null kept as null (plotly's gap).</summary>
    public static double?[] Numbers(this JsonNode? array) =>
        [.. array!.AsArray().Select(n => n is null ? (double?)null : n.GetValue<double>())];

    public static string[] Strings(this JsonNode? array) => [.. array!.AsArray().Select(n => n!.GetValue<string>())];

    /// <summary>The title text of an axis such as "xaxis2".</summary>
    public static string? AxisTitle(this JsonObject figure, string axis) => figure.Layout()[axis]?["title"]?.Text("text");

    public static double?[] AsNullable(this double[] values) => [.. values.Select(v => (double?)v)];
}
