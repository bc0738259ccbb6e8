namespace NotebookDL.Charts.Spec;

/// <summary>The named plotly colour scales a <see cref="TraceSpec.ColorScale"/> may use (case-insensitive).</summary>
public static class ColorScales
{
    /// <summary>Perceptually uniform dark blue to yellow: the default for magnitudes.</summary>
    public const string Viridis = "Viridis";

    /// <summary>Red to blue through white: signed values (weights, differences).</summary>
    public const string RdBu = "RdBu";

    /// <summary>Every accepted name.</summary>
    public static readonly IReadOnlyList<string> All =
    [
        Viridis, "Cividis", RdBu, "Blackbody", "Bluered", "Earth", "Electric", "Greens", "Greys", "Hot", "Jet",
        "Picnic", "Portland", "Rainbow",
    ];
}
