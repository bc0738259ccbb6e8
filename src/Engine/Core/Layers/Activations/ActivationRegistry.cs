using NotebookDL.Init;
using NotebookDL.Tensors;

namespace NotebookDL.Layers;

/// <summary>
/// The activations the engine knows by name, one line each: what <see cref="Training.Mlp"/>,
/// <see cref="Activation.Parse"/>, <see cref="LayerFactory"/> and the magic commands' options and help read.
/// Add one with <see cref="Register"/> (from a notebook or a test project): it is then a choice of
/// <c>#!train --activation</c>, of <c>#!search</c> and of <c>#!train --help</c>.
/// </summary>
public static class ActivationRegistry
{
    private static readonly Registry<ActivationEntry> s_entries = new("activation",
    [
        new("relu", "max(0, x)", _ => new ReLU()),
        new("tanh", "tanh(x)", _ => new Tanh()),
        new("sigmoid", "σ(x) = 1/(1 + e^−x)", _ => new Sigmoid()),
        new("leaky-relu", "max(slope·x, x), slope 0.01", s => new LeakyReLU(s.Slope)) { Aliases = ["leakyrelu", "leaky_relu", "lrelu"], FromSpec = spec => new LeakyReLU(LayerFactory.Setting(spec, "slope")) },
        new("prelu", "leaky ReLU learning one slope per unit, from 0.25", s => new PReLU(s.Units)) { FromSpec = spec => new PReLU(LayerFactory.Count(spec, "units")) },
        new("elu", "x, or alpha·(e^x − 1) below 0, alpha 1", s => new ELU(s.Alpha)) { FromSpec = spec => new ELU(LayerFactory.Setting(spec, "alpha")) },
        new("maxout", "the max of 2 affine pieces per unit, in place of Dense + activation", s => new Maxout(s.Inputs, s.Units, s.Pieces, s.Init, s.Rng ?? new Rng(0))) { IncludesWeights = true, FromSpec = spec => new Maxout(LayerFactory.Count(spec, "inputs"), LayerFactory.Count(spec, "outputs"), LayerFactory.Count(spec, "pieces"), Initializer.Zeros, new Rng(0)) },
    ], Check);

    /// <summary>Every activation, built-in ones first.</summary>
    public static IReadOnlyList<ActivationEntry> Entries => s_entries.Entries;

    /// <summary>Their names, in order.</summary>
    public static IReadOnlyList<string> Names => s_entries.Names;

    /// <summary>The names as help lists them: "relu, tanh, ... or maxout".</summary>
    public static string NameList => s_entries.NameList;

    /// <summary>The activation named or aliased <paramref name="name"/> (any case), or null.</summary>
    public static ActivationEntry? Find(string? name) => s_entries.Find(name);

    /// <summary>The activation named <paramref name="name"/>, or an <see cref="ArgumentException"/> listing the names.</summary>
    public static ActivationEntry Get(string name) => s_entries.Get(name);

    /// <summary>The activation whose layers have <see cref="LayerSpec.Kind"/> <paramref name="kind"/>, or null.</summary>
    public static ActivationEntry? FindKind(string kind) => Entries.FirstOrDefault(e => e.Kind == kind);

    /// <summary>
    /// Adds <paramref name="entry"/>, or replaces one registered earlier under its name (running the cell again
    /// is harmless); the built-in ones cannot be replaced. Its layer is built once here, so a broken entry fails now.
    /// </summary>
    public static void Register(ActivationEntry entry) => s_entries.Register(entry);

    private static void Check(ActivationEntry entry)
    {
        var kind = entry.Kind; // builds the sample layer
        if (LayerFactory.OwnKinds.Contains(kind))
            throw new ArgumentException($"the activation '{entry.Name}' makes {kind} layers, a kind the engine builds itself");
        var other = Entries.FirstOrDefault(e => e.Kind == kind && e.Name != entry.Name);
        if (other is not null)
            throw new ArgumentException($"the activation '{entry.Name}' makes {kind} layers, as '{other.Name}' does: a saved network could not tell them apart");
    }
}
