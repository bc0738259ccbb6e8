namespace NotebookDL.Charts.Spec;

/// <summary>The trace kinds a <see cref="TraceSpec"/> can name in its <see cref="TraceSpec.Kind"/>.</summary>
public static class TraceKinds
{
    /// <summary>A line through the points (loss curves, accuracy per epoch).</summary>
    public const string Line = "line";

    /// <summary>Markers only (data sets coloured by class, trials of a hyperparameter search).</summary>
    public const string Scatter = "scatter";

    /// <summary>A line with a marker at each point (few points, e.g. one per epoch).</summary>
    public const string LinesMarkers = "lines+markers";

    /// <summary>Vertical bars over categories or numbers (class counts, pre-binned histograms).</summary>
    public const string Bar = "bar";

    /// <summary>A colour-coded matrix Z (confusion matrices, weights, a classifier's decision regions).</summary>
    public const string Heatmap = "heatmap";

    /// <summary>Contour lines of Z over a grid (a classifier's score surface, loss landscapes).</summary>
    public const string Contour = "contour";

    /// <summary>Every kind, in the order the error messages list them.</summary>
    public static readonly IReadOnlyList<string> All = [Line, Scatter, LinesMarkers, Bar, Heatmap, Contour];
}
