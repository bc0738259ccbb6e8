namespace NotebookDL.Charts.Spec;

/// <summary>
/// A chart description the chart assembly turns into a plotly figure: either a grid of <see cref="Panels"/>
/// or, when <see cref="Parallel"/> is set, a parallel-coordinates figure. Plain data (BCL types only), written
/// and read as camelCase JSON by <see cref="SpecJson"/>; the factories in this type build the common cases.
/// </summary>
public sealed partial record FigureSpec
{
    /// <summary>Figure title.</summary>
    public string? Title { get; init; }

    /// <summary>The panels, laid out row by row (left to right, top to bottom).</summary>
    public PanelSpec[] Panels { get; init; } = [];

    /// <summary>
    /// Grid columns; null: every panel in one row up to 3 panels, else ceil(sqrt(count)) columns
    /// (4 panels: 2 x 2, 6: 3 x 2, 10: 4 x 3).
    /// </summary>
    public int? Columns { get; init; }

    /// <summary>Width in pixels; null: the width of the page the figure is drawn in.</summary>
    public int? Width { get; init; }

    /// <summary>Height in pixels; null: 420 for one row of panels, 300 per row (plus 80) for more.</summary>
    public int? Height { get; init; }

    /// <summary>Show the legend; null: plotly decides (shown when more than one trace has a name).</summary>
    public bool? ShowLegend { get; init; }

    /// <summary>One of <see cref="BarModes"/>; null: <c>group</c>.</summary>
    public string? BarMode { get; init; }

    /// <summary>A parallel-coordinates figure instead of panels (then <see cref="Panels"/> must be empty).</summary>
    public ParallelCoordinatesSpec? Parallel { get; init; }

    /// <summary>The default number of grid columns for <paramref name="panelCount"/> panels (see <see cref="Columns"/>).</summary>
    public static int DefaultColumns(int panelCount) =>
        panelCount <= 3 ? Math.Max(panelCount, 1) : (int)Math.Ceiling(Math.Sqrt(panelCount));
}
