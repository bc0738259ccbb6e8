using System.Text.Json.Nodes;
using NotebookDL.Charts.Spec;

namespace NotebookDL.Charts.Building;

/// <summary>
/// In a grid of panels the same series often appears in each (a run's cost and its accuracy): it should keep one
/// colour and one legend entry. Series without a colour of their own get one per name, in order of first
/// appearance; in the figure JSON every named trace joins a legend group of its name, and repeats hide their
/// legend entry (clicking the entry then toggles the series in every panel).
/// </summary>
internal static class SharedLegend
{
    public static FigureSpec Colour(FigureSpec spec)
    {
        if (spec.Panels.Length < 2) return spec;
        var names = spec.Panels.SelectMany(p => p.Traces).Where(Colourable).Select(t => t.Name!).Distinct().ToList();
        bool repeated = spec.Panels.SelectMany(p => p.Traces.Where(Colourable).Select(t => t.Name).Distinct()).GroupBy(n => n).Any(g => g.Count() > 1);
        if (!repeated) return spec;
        return spec with
        {
            Panels = [.. spec.Panels.Select(p => p with
            {
                Traces = [.. p.Traces.Select(t => Colourable(t) ? t with { Color = Palette.ForClass(names.IndexOf(t.Name!)) } : t)],
            })],
        };
    }

    public static JsonObject Group(JsonObject figure, FigureSpec spec)
    {
        if (spec.Panels.Length < 2) return figure;
        var seen = new HashSet<string>();
        foreach (var trace in figure["data"]!.AsArray().OfType<JsonObject>())
        {
            if (trace["name"]?.GetValue<string>() is not { Length: > 0 } name) continue;
            trace["legendgroup"] = name;
            if (!seen.Add(name)) trace["showlegend"] = false;
        }
        return figure;
    }

    private static bool Colourable(TraceSpec t) =>
        t.Name is not null && t.Color is null && t.ColorValues is null && t.ColorScaleColors is null
        && t.Kind is TraceKinds.Line or TraceKinds.LinesMarkers or TraceKinds.Scatter;
}
