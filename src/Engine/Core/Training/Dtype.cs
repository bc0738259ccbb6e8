namespace NotebookDL.Training;

/// <summary>
/// The precision a network's numbers are held and computed in, as numpy and PyTorch name it: float64 (the engine's
/// default, and always a gradient check's) or float32 (half the memory and bandwidth, twice the vector lanes).
/// </summary>
public enum Dtype
{
    Float64,
    Float32,
}

/// <summary>The names of <see cref="Dtype"/>: "float64" or "f64", "float32" or "f32".</summary>
public static class Dtypes
{
    /// <summary>The names, canonical first: what <see cref="Parse"/> reads and help lists.</summary>
    public static IReadOnlyList<string> Names { get; } = ["float64", "float32", "f64", "f32"];

    /// <summary>"float64" or "float32".</summary>
    public static string Name(this Dtype dtype) => dtype == Dtype.Float32 ? "float32" : "float64";

    /// <summary>The dtype named <paramref name="text"/> (any case), or an <see cref="ArgumentException"/> listing the names.</summary>
    public static Dtype Parse(string text) => text?.Trim().ToLowerInvariant() switch
    {
        "float64" or "f64" or "double" => Dtype.Float64,
        "float32" or "f32" or "float" or "single" => Dtype.Float32,
        _ => throw new ArgumentException($"unknown dtype '{text}': use float64 (f64) or float32 (f32)"),
    };
}
