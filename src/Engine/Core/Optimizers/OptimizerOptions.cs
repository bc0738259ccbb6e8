namespace NotebookDL.Optimizers;

/// <summary>
/// Hyperparameters for <see cref="Optimizer.Parse"/>. Null means the rule's default; a value the chosen
/// rule does not use is rejected (so a typo such as a β1 given to momentum does not pass silently).
/// </summary>
public sealed record OptimizerOptions
{
    /// <summary>Momentum β for "momentum" and "nesterov" (default 0.9).</summary>
    public double? Beta { get; init; }

    /// <summary>RMSprop's decay rate (default 0.99, cs231n's).</summary>
    public double? DecayRate { get; init; }

    /// <summary>Adam's β1 (default 0.9).</summary>
    public double? Beta1 { get; init; }

    /// <summary>Adam's β2 (default 0.999).</summary>
    public double? Beta2 { get; init; }

    /// <summary>RMSprop's and Adam's eps (default 1e-8).</summary>
    public double? Eps { get; init; }

    /// <summary>No overrides: every rule's defaults.</summary>
    public static OptimizerOptions Defaults { get; } = new();
}
