namespace NotebookDL.Layers;

/// <summary>
/// One activation known by name (<see cref="ActivationRegistry"/>): the name commands and
/// <see cref="Training.MlpOptions.Activation"/> use, a line of help, and how to build its layer for a hidden
/// layer. For example <c>new ActivationEntry("softsign", "x / (1 + |x|)", _ =&gt; new Softsign())</c>.
/// </summary>
public sealed class ActivationEntry : IRegistryEntry
{
    private ILayer? _sample;

    /// <param name="name">Lower case, no spaces, commas or colons, e.g. "leaky-relu".</param>
    /// <param name="description">One short line for help, e.g. "max(slope·x, x), slope 0.01".</param>
    /// <param name="create">A new layer for a hidden layer with these settings (a new one each call: layers keep caches).</param>
    public ActivationEntry(string name, string description, Func<ActivationSettings, ILayer> create)
    {
        Name = name;
        Description = description;
        Create = create ?? throw new ArgumentNullException(nameof(create));
    }

    public string Name { get; }
    public string Description { get; }
    public IReadOnlyList<string> Aliases { get; init; } = [];

    /// <summary>Builds the layer.</summary>
    public Func<ActivationSettings, ILayer> Create { get; }

    /// <summary>
    /// True when the layer holds the hidden layer's weights itself and replaces Dense + activation (maxout),
    /// false for one that follows a Dense layer.
    /// </summary>
    public bool IncludesWeights { get; init; }

    /// <summary>
    /// Rebuilds a layer from its saved <see cref="LayerSpec"/> (a network file, transfer learning). Null: the
    /// layer with default settings, which must then match the spec's (enough for an activation without any).
    /// </summary>
    public Func<LayerSpec, ILayer>? FromSpec { get; init; }

    /// <summary>The <see cref="LayerSpec.Kind"/> of the layers this entry makes, e.g. "LeakyReLU".</summary>
    public string Kind => Sample.Spec.Kind;

    /// <summary>
    /// True when the layer is an element-wise <see cref="Activation"/> with no parameters: what
    /// <see cref="Activation.Parse"/> returns and an activation-statistics experiment stacks.
    /// </summary>
    public bool IsElementwise => Sample is Activation;

    /// <summary>The layer of <paramref name="spec"/>, with its settings.</summary>
    public ILayer Rebuild(LayerSpec spec)
    {
        if (FromSpec is not null) return FromSpec(spec);
        var layer = Create(new ActivationSettings());
        if (!layer.Spec.Settings.OrderBy(s => s.Key).SequenceEqual(spec.Settings.OrderBy(s => s.Key)))
            throw new ArgumentException($"layer {spec.Kind}: the activation '{Name}' cannot rebuild its settings " +
                                        $"({string.Join(", ", spec.Settings.Select(s => $"{s.Key} = {s.Value}"))}); register it with a FromSpec");
        return layer;
    }

    public override string ToString() => $"{Name}: {Description}";

    /// <summary>A layer with default settings, made once: what the entry's kind and shape are read from.</summary>
    private ILayer Sample => _sample ??= Create(new ActivationSettings())
        ?? throw new InvalidOperationException($"the activation '{Name}' built no layer (its Create returned null)");
}
