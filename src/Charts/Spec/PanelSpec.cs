namespace NotebookDL.Charts.Spec;

/// <summary>One plot area of a figure: its axes and the traces drawn on them (first trace at the back).</summary>
public sealed record PanelSpec
{
    /// <summary>Title above the panel (shown as the figure title when the figure has one panel and no title).</summary>
    public string? Title { get; init; }

    /// <summary>x-axis title.</summary>
    public string? XTitle { get; init; }

    /// <summary>y-axis title.</summary>
    public string? YTitle { get; init; }

    /// <summary>Log-scaled x axis (learning rates, regularisation strengths). Values ≤ 0 are not drawn.</summary>
    public bool LogX { get; init; }

    /// <summary>Log-scaled y axis (loss over many orders of magnitude). Values ≤ 0 are not drawn.</summary>
    public bool LogY { get; init; }

    /// <summary>Fixed x range in data units; null: fit the data.</summary>
    public AxisRange? XRange { get; init; }

    /// <summary>Fixed y range in data units; null: fit the data.</summary>
    public AxisRange? YRange { get; init; }

    /// <summary>y grows downwards, as rows of a matrix do (confusion matrices, weight images).</summary>
    public bool ReverseY { get; init; }

    /// <summary>The traces, drawn in order (at least one).</summary>
    public TraceSpec[] Traces { get; init; } = [];
}
