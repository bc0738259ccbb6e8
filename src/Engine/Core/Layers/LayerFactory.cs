using NotebookDL.Tensors;

namespace NotebookDL.Layers;

/// <summary>
/// Rebuilds a layer from its <see cref="LayerSpec"/> (kind and settings): what a saved network needs before
/// its parameters and buffers are copied back in. Learned tensors start at zero (Dense, Maxout) or at their
/// usual start (PReLU's alpha 0.25, batch norm's gamma 1 and beta 0) and are meant to be overwritten.
/// Activations are rebuilt by their <see cref="ActivationRegistry"/> entry.
/// </summary>
public static class LayerFactory
{
    /// <summary>The kinds built here rather than by an activation entry.</summary>
    internal static readonly string[] OwnKinds = ["Dense", "BatchNorm", "Dropout"];

    /// <summary>The kinds <see cref="Create"/> knows: Dense, the registered activations' kinds, BatchNorm and Dropout.</summary>
    public static IReadOnlyList<string> Kinds => [OwnKinds[0], .. ActivationRegistry.Entries.Select(e => e.Kind), .. OwnKinds[1..]];

    /// <summary>A new layer of the spec's kind and settings.</summary>
    /// <exception cref="ArgumentException">Unknown kind, or a setting missing or out of range.</exception>
    public static ILayer Create(LayerSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return spec.Kind switch
        {
            "Dense" => new Dense(Mat.Zeros(Count(spec, "inputs"), Count(spec, "outputs")), bias: Flag(spec, "bias")),
            "BatchNorm" => new BatchNorm(Count(spec, "units"), Setting(spec, "momentum"), Setting(spec, "eps")),
            "Dropout" => new Dropout(Setting(spec, "p"), checked((int)Integer(spec, "seed"))),
            _ => ActivationRegistry.FindKind(spec.Kind)?.Rebuild(spec)
                 ?? throw new ArgumentException($"unknown layer kind '{spec.Kind}': NotebookDL knows {string.Join(", ", Kinds)}"),
        };
    }

    /// <summary>The finite setting <paramref name="key"/>, or an error naming the layer and the key.</summary>
    internal static double Setting(LayerSpec spec, string key) =>
        spec.Settings.TryGetValue(key, out var v) && double.IsFinite(v)
            ? v
            : throw new ArgumentException($"layer {spec.Kind} needs a finite setting '{key}'" + (spec.Settings.ContainsKey(key) ? $", got {spec.Settings[key]}" : ""));

    private static double Integer(LayerSpec spec, string key)
    {
        double v = Setting(spec, key);
        return v == Math.Round(v) && Math.Abs(v) <= int.MaxValue
            ? v
            : throw new ArgumentException($"layer {spec.Kind}: setting '{key}' must be a whole number, got {v}");
    }

    /// <summary>The positive whole setting <paramref name="key"/> (a width, a count), or an error naming it.</summary>
    internal static int Count(LayerSpec spec, string key)
    {
        double v = Integer(spec, key);
        return v > 0 ? (int)v : throw new ArgumentException($"layer {spec.Kind}: setting '{key}' must be positive, got {v}");
    }

    private static bool Flag(LayerSpec spec, string key) => Integer(spec, key) switch
    {
        0 => false,
        1 => true,
        var v => throw new ArgumentException($"layer {spec.Kind}: setting '{key}' must be 0 or 1, got {v}"),
    };
}
