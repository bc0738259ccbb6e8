namespace NotebookDL.Optimizers;

/// <summary>Creates optimisers by name, as a magic command or a search space names them.</summary>
public static class Optimizer
{
    /// <summary>The names <see cref="Parse"/> accepts.</summary>
    public static IReadOnlyList<string> Names { get; } = ["sgd", "momentum", "nesterov", "rmsprop", "adam"];

    /// <summary>
    /// "sgd", "momentum", "nesterov", "rmsprop" or "adam" with <paramref name="options"/> (null = defaults).
    /// Throws <see cref="ArgumentException"/> for an unknown name or an option the rule does not take, and
    /// <see cref="ArgumentOutOfRangeException"/> for a β outside [0, 1), eps &lt;= 0 or NaN.
    /// </summary>
    public static IOptimizer Parse(string name, OptimizerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        var o = options ?? OptimizerOptions.Defaults;
        var key = name.Trim().ToLowerInvariant();
        switch (key)
        {
            case "sgd":
                Reject(key, o, beta: true, decay: true, beta1: true, beta2: true, eps: true);
                return new Sgd();
            case "momentum":
                Reject(key, o, beta: false, decay: true, beta1: true, beta2: true, eps: true);
                return new Momentum(o.Beta ?? 0.9);
            case "nesterov":
                Reject(key, o, beta: false, decay: true, beta1: true, beta2: true, eps: true);
                return new Nesterov(o.Beta ?? 0.9);
            case "rmsprop":
                Reject(key, o, beta: true, decay: false, beta1: true, beta2: true, eps: false);
                return new RmsProp(o.DecayRate ?? 0.99, o.Eps ?? 1e-8);
            case "adam":
                Reject(key, o, beta: true, decay: true, beta1: false, beta2: false, eps: false);
                return new Adam(o.Beta1 ?? 0.9, o.Beta2 ?? 0.999, o.Eps ?? 1e-8);
            default:
                throw new ArgumentException($"unknown optimiser '{name}': use one of {string.Join(", ", Names)}", nameof(name));
        }
    }

    private static void Reject(string rule, OptimizerOptions o, bool beta, bool decay, bool beta1, bool beta2, bool eps)
    {
        var unused = new List<string>();
        if (beta && o.Beta is not null) unused.Add("beta");
        if (decay && o.DecayRate is not null) unused.Add("decay rate");
        if (beta1 && o.Beta1 is not null) unused.Add("beta1");
        if (beta2 && o.Beta2 is not null) unused.Add("beta2");
        if (eps && o.Eps is not null) unused.Add("eps");
        if (unused.Count > 0)
            throw new ArgumentException($"{rule} does not take {string.Join(", ", unused)}", nameof(o));
    }
}
