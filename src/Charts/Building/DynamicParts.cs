using Plotly.NET;

namespace NotebookDL.Charts.Building;

/// <summary>
/// Plotly.NET objects are DynamicObjs: a plotly.js attribute that Plotly.NET.CSharp's facade does not expose
/// (a colour bar's title and place, a heatmap's zmin) is set on them by its plotly.js name.
/// </summary>
internal static class DynamicParts
{
    public static Title Title(string text)
    {
        var title = new Title();
        title.SetProperty("text", text);
        return title;
    }

    /// <summary>A colour bar with an optional title, placed beside its panel when in a grid.</summary>
    public static ColorBar ColorBar(string? title, ColorBarPlacement? placement)
    {
        var bar = new ColorBar();
        if (title is not null) bar.SetProperty("title", Title(title));
        if (placement is not null)
        {
            bar.SetProperty("x", placement.X);
            bar.SetProperty("xanchor", "left");
            bar.SetProperty("y", placement.Y);
            bar.SetProperty("yanchor", "middle");
            bar.SetProperty("len", placement.Length);
            bar.SetProperty("thickness", 12);
        }
        return bar;
    }

    /// <summary>
    /// The values with NaN and ±Infinity as null. Newtonsoft (Plotly.NET's serialiser) writes a non-finite double
    /// as the string "NaN" / "Infinity", which plotly.js would read as a category; null is plotly's gap.
    /// </summary>
    public static object?[] WithGaps(double[] values) =>
        Array.ConvertAll(values, v => double.IsFinite(v) ? v : (object?)null);

    public static bool HasNonFinite(double[]? values) => values is not null && !Array.TrueForAll(values, double.IsFinite);

    public static bool HasNonFinite(double[][]? rows) => rows is not null && !Array.TrueForAll(rows, r => !HasNonFinite(r));
}
