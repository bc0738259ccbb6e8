namespace NotebookDL.Charts.Spec;

/// <summary>
/// One trace of a panel: a line, markers, bars, a heatmap or a contour plot, by <see cref="Kind"/>.
/// </summary>
/// <remarks>
/// <para>Data by kind (n points, a Z of r rows and c columns):</para>
/// <list type="bullet">
/// <item><c>line</c>, <c>scatter</c>, <c>lines+markers</c>, <c>bar</c>: <see cref="Y"/> (n) is required; the x
/// positions are <see cref="X"/> (n) or <see cref="Categories"/> (n labels) or, when both are null, 0..n-1.</item>
/// <item><c>heatmap</c>, <c>contour</c>: <see cref="Z"/> (r, c) is required, rows of equal length; row i is drawn at
/// y = <see cref="Y"/>[i] or <see cref="YCategories"/>[i], column j at x = <see cref="X"/>[j] or
/// <see cref="Categories"/>[j] (0..c-1 when not given).</item>
/// </list>
/// <para>Non-finite data (NaN, ±Infinity) in X, Y, Z and ColorValues is allowed: it becomes <c>null</c> in the
/// figure, which plotly draws as a gap, so a loss curve that diverges (cost NaN at lr = 1e6, inf at 3e-3 in the
/// lecture) simply stops where it blew up. <see cref="SpecJson"/> writes such values as "NaN" / "Infinity".
/// Everything else (ranges, opacity, sizes) must be finite.</para>
/// </remarks>
public sealed record TraceSpec
{
    /// <summary>One of <see cref="TraceKinds"/>; default <c>line</c>.</summary>
    public string Kind { get; init; } = TraceKinds.Line;

    /// <summary>Legend entry and hover label; null for none.</summary>
    public string? Name { get; init; }

    /// <summary>x positions (n) for point kinds and bars, or column positions (c) for heatmap / contour.</summary>
    public double[]? X { get; init; }

    /// <summary>y values (n) for point kinds and bars, or row positions (r) for heatmap / contour.</summary>
    public double[]? Y { get; init; }

    /// <summary>Text labels used instead of <see cref="X"/> on the x axis (bar categories, heatmap columns).</summary>
    public string[]? Categories { get; init; }

    /// <summary>Text labels of heatmap / contour rows, used instead of <see cref="Y"/> (confusion-matrix classes).</summary>
    public string[]? YCategories { get; init; }

    /// <summary>The matrix (r, c) of a heatmap or contour plot, row-major: Z[i][j] is row i, column j.</summary>
    public double[][]? Z { get; init; }

    /// <summary>One CSS colour for the whole trace (<c>"#1f77b4"</c>, <c>"red"</c>, <c>"rgba(0,0,255,0.3)"</c>).</summary>
    public string? Color { get; init; }

    /// <summary>A value per point (n) mapped through <see cref="ColorScale"/> (markers and bars only).</summary>
    public double[]? ColorValues { get; init; }

    /// <summary>A plotly colour-scale name for Z or <see cref="ColorValues"/>: see <see cref="ColorScales"/>.</summary>
    public string? ColorScale { get; init; }

    /// <summary>A custom scale of evenly spaced CSS colours (wins over <see cref="ColorScale"/>): with
    /// <see cref="ColorRange"/> = [0, k-1], class index i gets colour i (decision regions).</summary>
    public string[]? ColorScaleColors { get; init; }

    /// <summary>The values mapped to the two ends of the colour scale; null: the data's own min and max.</summary>
    public AxisRange? ColorRange { get; init; }

    /// <summary>Title of the colour bar.</summary>
    public string? ColorTitle { get; init; }

    /// <summary>Show the colour bar; null: shown whenever a colour scale is in use.</summary>
    public bool? ShowScale { get; init; }

    /// <summary>Hover text per point (n) for point kinds and bars.</summary>
    public string[]? Text { get; init; }

    /// <summary>Heatmaps: write each cell's value in the cell (confusion-matrix counts).</summary>
    public bool ShowValues { get; init; }

    /// <summary>Opacity in [0, 1]; null: opaque.</summary>
    public double? Opacity { get; init; }

    /// <summary>Line dash: <c>solid</c>, <c>dot</c>, <c>dash</c>, <c>longdash</c>, <c>dashdot</c>, <c>longdashdot</c>.</summary>
    public string? Dash { get; init; }

    /// <summary>Line width in pixels (&gt; 0).</summary>
    public double? LineWidth { get; init; }

    /// <summary>Marker diameter in pixels (&gt; 0).</summary>
    public double? MarkerSize { get; init; }

    /// <summary>Bar width in x units (&gt; 0); a histogram's bin width makes its bars touch.</summary>
    public double? BarWidth { get; init; }

    /// <summary>A line through (x, y).</summary>
    public static TraceSpec Line(string? name, double[] x, double[] y) =>
        new() { Kind = TraceKinds.Line, Name = name, X = x, Y = y };

    /// <summary>Markers at (x, y).</summary>
    public static TraceSpec Points(string? name, double[] x, double[] y) =>
        new() { Kind = TraceKinds.Scatter, Name = name, X = x, Y = y };

    /// <summary>One bar per category.</summary>
    public static TraceSpec Bars(string? name, string[] categories, double[] values) =>
        new() { Kind = TraceKinds.Bar, Name = name, Categories = categories, Y = values };

    /// <summary>
    /// A pre-binned histogram: a bar of height <paramref name="counts"/>[k] centred on
    /// <paramref name="binCenters"/>[k], as wide as the spacing of the first two centres so the bars touch.
    /// </summary>
    public static TraceSpec Histogram(string? name, double[] binCenters, double[] counts) =>
        new()
        {
            Kind = TraceKinds.Bar, Name = name, X = binCenters, Y = counts,
            BarWidth = binCenters is { Length: >= 2 } && double.IsFinite(binCenters[1] - binCenters[0])
                       && binCenters[1] > binCenters[0]
                ? binCenters[1] - binCenters[0]
                : null,
        };

    /// <summary>A heatmap of <paramref name="z"/> (r, c) with optional column and row labels.</summary>
    public static TraceSpec Heatmap(double[][] z, string[]? columnLabels = null, string[]? rowLabels = null,
                                    string? colorScale = ColorScales.Viridis) =>
        new() { Kind = TraceKinds.Heatmap, Z = z, Categories = columnLabels, YCategories = rowLabels, ColorScale = colorScale };

    /// <summary>
    /// A classifier's output over a grid, to draw behind its data: z[i][j] is the predicted class (or score) at
    /// (x[j], y[i]). Drawn as a faint heatmap of regions, or as filled contours when <paramref name="contour"/>.
    /// </summary>
    public static TraceSpec Boundary(double[] x, double[] y, double[][] z, bool contour = false) =>
        new()
        {
            Kind = contour ? TraceKinds.Contour : TraceKinds.Heatmap, X = x, Y = y, Z = z,
            Opacity = contour ? 0.5 : 0.35, ShowScale = false,
        };
}
