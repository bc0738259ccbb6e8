using NotebookDL.Charts.Spec;

namespace NotebookDL.Charts.Building;

/// <summary>
/// Checks a <see cref="FigureSpec"/> before any chart is built, so a bad spec fails with one
/// <see cref="ArgumentException"/> that names where it is wrong (<c>panels[0].traces[1] 'val'</c>) and the bad value.
/// </summary>
internal static class SpecValidator
{
    private const string Param = "specJson";

    public static void Validate(FigureSpec spec)
    {
        var panels = spec.Panels ?? [];
        if (spec.Parallel is not null && panels.Length > 0)
            Fail($"A figure is either panels or parallel coordinates; this one has {panels.Length} panel(s) and 'parallel'.");
        if (spec.Parallel is null && panels.Length == 0)
            Fail("The figure has no panels (and no 'parallel'): there is nothing to draw.");
        if (spec.Columns is < 1)
            Fail($"columns must be at least 1; got {spec.Columns}.");
        CheckPixels("width", spec.Width);
        CheckPixels("height", spec.Height);
        if (spec.BarMode is not null && !BarModes.All.Contains(spec.BarMode))
            Fail($"Unknown barMode '{spec.BarMode}'; expected one of {string.Join(", ", BarModes.All)}.");

        for (var p = 0; p < panels.Length; p++)
            ValidatePanel(panels[p], $"panels[{p}]");
        if (spec.Parallel is not null)
            ValidateParallel(spec.Parallel);
    }

    private static void ValidatePanel(PanelSpec? panel, string where)
    {
        if (panel is null) Fail($"{where} is null.");
        CheckRange($"{where}.xRange", panel.XRange, panel.LogX);
        CheckRange($"{where}.yRange", panel.YRange, panel.LogY);
        var traces = panel.Traces ?? [];
        if (traces.Length == 0) Fail($"{where} has no traces.");
        for (var t = 0; t < traces.Length; t++)
        {
            var trace = traces[t] ?? throw Error($"{where}.traces[{t}] is null.");
            ValidateTrace(trace, $"{where}.traces[{t}]" + (trace.Name is null ? "" : $" '{trace.Name}'"));
        }
    }

    private static void ValidateTrace(TraceSpec t, string where)
    {
        switch (t.Kind)
        {
            case TraceKinds.Line or TraceKinds.Scatter or TraceKinds.LinesMarkers or TraceKinds.Bar:
                ValidateSeries(t, where);
                break;
            case TraceKinds.Heatmap or TraceKinds.Contour:
                ValidateGrid(t, where);
                break;
            default:
                throw Error($"{where}: unknown trace kind '{t.Kind}'; expected one of {string.Join(", ", TraceKinds.All)}.");
        }

        if (t.Opacity is { } opacity && !(opacity >= 0 && opacity <= 1))
            Fail($"{where}: opacity must be in [0, 1]; got {opacity}.");
        CheckPositive($"{where}: lineWidth", t.LineWidth);
        CheckPositive($"{where}: markerSize", t.MarkerSize);
        CheckPositive($"{where}: barWidth", t.BarWidth);
        if (t.BarWidth is not null && t.Kind != TraceKinds.Bar)
            Fail($"{where}: barWidth applies to bars only, not to kind '{t.Kind}'.");
        if (t.ShowValues && t.Kind != TraceKinds.Heatmap)
            Fail($"{where}: showValues applies to heatmaps only, not to kind '{t.Kind}'.");
        if (t.Dash is not null && PlotlyStyles.TryDash(t.Dash) is null)
            Fail($"{where}: unknown dash '{t.Dash}'; expected one of {string.Join(", ", PlotlyStyles.DashNames)}.");
        if (t.Color is { } color && string.IsNullOrWhiteSpace(color))
            Fail($"{where}: color is empty; give a CSS colour or leave it out.");
        if (t.ColorScale is not null && PlotlyStyles.TryColorScale(t.ColorScale) is null)
            Fail($"{where}: unknown colorScale '{t.ColorScale}'; expected one of {string.Join(", ", ColorScales.All)}.");
        if (t.ColorScaleColors is { } colours && (colours.Length < 2 || colours.Any(string.IsNullOrWhiteSpace)))
            Fail($"{where}: colorScaleColors needs at least 2 non-empty CSS colours; got {colours.Length}.");
        if (t.ColorRange is { } range && !(double.IsFinite(range.Min) && double.IsFinite(range.Max) && range.Min < range.Max))
            Fail($"{where}: colorRange must be finite with min < max; got [{range.Min}, {range.Max}].");
    }

    /// <summary>Point kinds and bars: y (n), x or categories (n), per-point colour values and hover text (n).</summary>
    private static void ValidateSeries(TraceSpec t, string where)
    {
        if (t.Y is null || t.Y.Length == 0) Fail($"{where}: y is empty; a '{t.Kind}' trace needs at least one value.");
        var n = t.Y.Length;
        if (t.X is not null && t.Categories is not null)
            Fail($"{where}: give x or categories, not both.");
        CheckLength(where, "x", t.X?.Length, "y", n);
        CheckLength(where, "categories", t.Categories?.Length, "y", n);
        CheckLength(where, "colorValues", t.ColorValues?.Length, "y", n);
        CheckLength(where, "text", t.Text?.Length, "y", n);
        if (t.Z is not null) Fail($"{where}: z applies to heatmap and contour traces, not to kind '{t.Kind}'.");
        if (t.YCategories is not null) Fail($"{where}: yCategories applies to heatmap and contour traces, not to kind '{t.Kind}'.");
        if (t.ColorValues is not null && t.Kind == TraceKinds.Line)
            Fail($"{where}: colorValues colours markers; a 'line' trace has none (use 'scatter' or 'lines+markers').");
    }

    /// <summary>Heatmap and contour: z (r, c) rectangular; columns at x or categories (c), rows at y or yCategories (r).</summary>
    private static void ValidateGrid(TraceSpec t, string where)
    {
        if (t.Z is null || t.Z.Length == 0) Fail($"{where}: z is empty; a '{t.Kind}' trace needs a matrix.");
        var rows = t.Z.Length;
        if (t.Z[0] is null || t.Z[0].Length == 0) Fail($"{where}: z[0] is empty.");
        var cols = t.Z[0].Length;
        for (var i = 1; i < rows; i++)
            if (t.Z[i] is null || t.Z[i].Length != cols)
                Fail($"{where}: z must be rectangular; z[0] has {cols} values but z[{i}] has {t.Z[i]?.Length ?? 0}.");
        if (t.X is not null && t.Categories is not null) Fail($"{where}: give x or categories, not both.");
        if (t.Y is not null && t.YCategories is not null) Fail($"{where}: give y or yCategories, not both.");
        CheckLength(where, "x", t.X?.Length, "z's columns", cols);
        CheckLength(where, "categories", t.Categories?.Length, "z's columns", cols);
        CheckLength(where, "y", t.Y?.Length, "z's rows", rows);
        CheckLength(where, "yCategories", t.YCategories?.Length, "z's rows", rows);
        if (t.ColorValues is not null) Fail($"{where}: colorValues applies to markers and bars; a '{t.Kind}' is coloured by z.");
        if (t.Text is not null) Fail($"{where}: text applies to markers and bars; use showValues to label heatmap cells.");
    }

    private static void ValidateParallel(ParallelCoordinatesSpec p)
    {
        var dims = p.Dimensions ?? [];
        if (dims.Length == 0) Fail("parallel has no dimensions.");
        int? n = null;
        for (var d = 0; d < dims.Length; d++)
        {
            var dim = dims[d] ?? throw Error($"parallel.dimensions[{d}] is null.");
            var where = $"parallel.dimensions[{d}] '{dim.Label}'";
            if (dim.Values is null || dim.Values.Length == 0) Fail($"{where}: values is empty.");
            n ??= dim.Values.Length;
            if (dim.Values.Length != n)
                Fail($"{where}: has {dim.Values.Length} values but parallel.dimensions[0] has {n}; every dimension needs one value per trial.");
            if (dim.Log)
            {
                var bad = Array.FindIndex(dim.Values, v => v <= 0);
                if (bad >= 0) Fail($"{where}: a log dimension needs positive values; values[{bad}] is {dim.Values[bad]}.");
            }
            CheckRange($"{where}.range", dim.Range, dim.Log);
        }
        CheckLength("parallel", "colorValues", p.ColorValues?.Length, "the trials", n!.Value);
        if (p.ColorScale is not null && PlotlyStyles.TryColorScale(p.ColorScale) is null)
            Fail($"parallel: unknown colorScale '{p.ColorScale}'; expected one of {string.Join(", ", ColorScales.All)}.");
    }

    private static void CheckLength(string where, string what, int? length, string against, int expected)
    {
        if (length is { } l && l != expected)
            Fail($"{where}: {what} has {l} values but {against} has {expected}.");
    }

    private static void CheckRange(string where, AxisRange? range, bool log)
    {
        if (range is null) return;
        if (!(double.IsFinite(range.Min) && double.IsFinite(range.Max) && range.Min < range.Max))
            Fail($"{where} must be finite with min < max; got [{range.Min}, {range.Max}].");
        if (log && range.Min <= 0)
            Fail($"{where} is on a log axis and must be positive; got [{range.Min}, {range.Max}].");
    }

    private static void CheckPositive(string what, double? value)
    {
        if (value is { } v && !(double.IsFinite(v) && v > 0))
            Fail($"{what} must be a positive finite number; got {v}.");
    }

    private static void CheckPixels(string what, int? pixels)
    {
        if (pixels is { } px && (px < 50 || px > 10_000))
            Fail($"{what} must be between 50 and 10000 pixels; got {px}.");
    }

    private static ArgumentException Error(string message) => new(message, Param);

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private static void Fail(string message) => throw Error(message);
}
