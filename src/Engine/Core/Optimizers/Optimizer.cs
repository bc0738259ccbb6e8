namespace NotebookDL.Optimizers;

/// <summary>Creates optimisers by name (<see cref="OptimizerRegistry"/>), as a magic command or a search space names them.</summary>
public static class Optimizer
{
    /// <summary>The names <see cref="Parse"/> accepts.</summary>
    public static IReadOnlyList<string> Names => OptimizerRegistry.Names;

    /// <summary>
    /// "sgd", "momentum", "nesterov", "rmsprop", "adam" or a registered rule, with <paramref name="options"/>
    /// (null = defaults). Throws <see cref="ArgumentException"/> for an unknown name or an option the rule does
    /// not take, and <see cref="ArgumentOutOfRangeException"/> for a β outside [0, 1), eps &lt;= 0 or NaN.
    /// </summary>
    public static IOptimizer Parse(string name, OptimizerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        var o = options ?? OptimizerOptions.Defaults;
        var entry = OptimizerRegistry.Get(name);
        Reject(entry, o);
        return entry.Create(o);
    }

    private static void Reject(OptimizerEntry rule, OptimizerOptions o)
    {
        var unused = new List<string>();
        if (o.Beta is not null && !rule.Takes.HasFlag(OptimizerOption.Beta)) unused.Add("beta");
        if (o.DecayRate is not null && !rule.Takes.HasFlag(OptimizerOption.DecayRate)) unused.Add("decay rate");
        if (o.Beta1 is not null && !rule.Takes.HasFlag(OptimizerOption.Beta1)) unused.Add("beta1");
        if (o.Beta2 is not null && !rule.Takes.HasFlag(OptimizerOption.Beta2)) unused.Add("beta2");
        if (o.Eps is not null && !rule.Takes.HasFlag(OptimizerOption.Eps)) unused.Add("eps");
        if (unused.Count > 0)
            throw new ArgumentException($"{rule.Name} does not take {string.Join(", ", unused)}", nameof(o));
    }
}
