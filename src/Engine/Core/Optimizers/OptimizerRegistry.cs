namespace NotebookDL.Optimizers;

/// <summary>
/// The update rules the engine knows by name, one line each: what <see cref="Optimizer.Parse"/> and the magic
/// commands' <c>--optimizer</c> read. Add one with <see cref="Register"/>.
/// </summary>
public static class OptimizerRegistry
{
    private static readonly Registry<OptimizerEntry> s_entries = new("optimiser",
    [
        new("sgd", "W −= lr·dW", _ => new Sgd()),
        new("momentum", "v = β·v − lr·dW; W += v (β 0.9)", o => new Momentum(o.Beta ?? 0.9)) { Takes = OptimizerOption.Beta },
        new("nesterov", "momentum with the gradient at the look-ahead point (mu 0.9)", o => new Nesterov(o.Beta ?? 0.9)) { Takes = OptimizerOption.Beta },
        new("rmsprop", "W −= lr·dW / (√cache + eps), cache an average of dW² (decay 0.99)", o => new RmsProp(o.DecayRate ?? 0.99, o.Eps ?? 1e-8)) { Takes = OptimizerOption.DecayRate | OptimizerOption.Eps },
        new("adam", "momentum and RMSprop with bias correction (β1 0.9, β2 0.999)", o => new Adam(o.Beta1 ?? 0.9, o.Beta2 ?? 0.999, o.Eps ?? 1e-8)) { Takes = OptimizerOption.Beta1 | OptimizerOption.Beta2 | OptimizerOption.Eps },
    ]);

    /// <summary>Every rule, built-in ones first.</summary>
    public static IReadOnlyList<OptimizerEntry> Entries => s_entries.Entries;

    /// <summary>Their names, in order.</summary>
    public static IReadOnlyList<string> Names => s_entries.Names;

    /// <summary>The names as help lists them: "sgd, momentum, ... or adam".</summary>
    public static string NameList => s_entries.NameList;

    /// <summary>The rule named or aliased <paramref name="name"/> (any case), or null.</summary>
    public static OptimizerEntry? Find(string? name) => s_entries.Find(name);

    /// <summary>The rule named <paramref name="name"/>, or an <see cref="ArgumentException"/> listing the names.</summary>
    public static OptimizerEntry Get(string name) => s_entries.Get(name);

    /// <summary>Adds <paramref name="entry"/>, or replaces one registered earlier under its name; built-in rules cannot be replaced.</summary>
    public static void Register(OptimizerEntry entry) => s_entries.Register(entry);
}
