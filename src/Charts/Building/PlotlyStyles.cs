using Microsoft.FSharp.Collections;
using NotebookDL.Charts.Spec;
using Plotly.NET;

namespace NotebookDL.Charts.Building;

/// <summary>Spec strings (dash names, colour-scale names, CSS colours) to Plotly.NET's style values.</summary>
internal static class PlotlyStyles
{
    public static readonly IReadOnlyList<string> DashNames = ["solid", "dot", "dash", "longdash", "dashdot", "longdashdot"];

    public static StyleParam.DrawingStyle? TryDash(string name) => name.ToLowerInvariant() switch
    {
        "solid" => StyleParam.DrawingStyle.Solid,
        "dot" => StyleParam.DrawingStyle.Dot,
        "dash" => StyleParam.DrawingStyle.Dash,
        "longdash" => StyleParam.DrawingStyle.LongDash,
        "dashdot" => StyleParam.DrawingStyle.DashDot,
        "longdashdot" => StyleParam.DrawingStyle.LongDashDot,
        _ => null,
    };

    /// <summary>
    /// A named scale of <see cref="ColorScales.All"/>. Plotly.NET 6 also names "YIGnBu" / "YIOrRd", but writes them
    /// with a capital i where plotly.js expects "YlGnBu" / "YlOrRd" (an l), so plotly.js would not know them: left out.
    /// </summary>
    public static StyleParam.Colorscale? TryColorScale(string name) => name.ToLowerInvariant() switch
    {
        "viridis" => StyleParam.Colorscale.Viridis,
        "cividis" => StyleParam.Colorscale.Cividis,
        "rdbu" => StyleParam.Colorscale.RdBu,
        "blackbody" => StyleParam.Colorscale.Blackbody,
        "bluered" => StyleParam.Colorscale.Bluered,
        "earth" => StyleParam.Colorscale.Earth,
        "electric" => StyleParam.Colorscale.Electric,
        "greens" => StyleParam.Colorscale.Greens,
        "greys" => StyleParam.Colorscale.Greys,
        "hot" => StyleParam.Colorscale.Hot,
        "jet" => StyleParam.Colorscale.Jet,
        "picnic" => StyleParam.Colorscale.Picnic,
        "portland" => StyleParam.Colorscale.Portland,
        "rainbow" => StyleParam.Colorscale.Rainbow,
        _ => null,
    };

    /// <summary>The trace's colour scale: its custom colours (evenly spaced) if any, else its named scale, else none.</summary>
    public static StyleParam.Colorscale? ColorScaleOf(string? name, string[]? colours)
    {
        if (colours is { Length: >= 2 })
        {
            var last = colours.Length - 1;
            var stops = colours.Select((c, i) => Tuple.Create((double)i / last, Color.fromString(c)));
            return StyleParam.Colorscale.NewCustom(ListModule.OfSeq(stops));
        }
        return name is null ? null : TryColorScale(name);
    }
}
