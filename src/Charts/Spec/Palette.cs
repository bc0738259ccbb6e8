namespace NotebookDL.Charts.Spec;

/// <summary>Colours for classes: plotly's own default colour sequence, so legends match plotly's defaults.</summary>
public static class Palette
{
    /// <summary>Ten distinct CSS colours; class i takes colour i mod 10.</summary>
    public static readonly IReadOnlyList<string> Classes =
    [
        "#636efa", "#EF553B", "#00cc96", "#ab63fa", "#FFA15A", "#19d3f3", "#FF6692", "#B6E880", "#FF97FF", "#FECB52",
    ];

    /// <summary>The colour of class <paramref name="index"/> (≥ 0).</summary>
    public static string ForClass(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        return Classes[index % Classes.Count];
    }
}
