namespace NotebookDL.Charts.Spec;

/// <summary>How a figure's bar traces share their x positions (plotly's layout-wide <c>barmode</c>).</summary>
public static class BarModes
{
    /// <summary>Side by side (the default): class counts of train vs validation.</summary>
    public const string Group = "group";

    /// <summary>On top of each other: parts that add up to a whole.</summary>
    public const string Stack = "stack";

    /// <summary>Drawn over each other (use an opacity below 1): histograms before / after a change.</summary>
    public const string Overlay = "overlay";

    /// <summary>Every mode, in the order the error messages list them.</summary>
    public static readonly IReadOnlyList<string> All = [Group, Stack, Overlay];
}
