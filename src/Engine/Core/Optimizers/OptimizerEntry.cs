namespace NotebookDL.Optimizers;

/// <summary>The <see cref="OptimizerOptions"/> a rule takes; any other given is refused.</summary>
[Flags]
public enum OptimizerOption
{
    None = 0,
    Beta = 1,
    DecayRate = 2,
    Beta1 = 4,
    Beta2 = 8,
    Eps = 16,
}

/// <summary>
/// One update rule known by name (<see cref="OptimizerRegistry"/>): the name <c>#!train --optimizer</c> and
/// <see cref="Training.TrainOptions.Optimizer"/> use, a line of help, and how to make it from its options.
/// </summary>
public sealed class OptimizerEntry : IRegistryEntry
{
    /// <param name="name">Lower case, no spaces, commas or colons, e.g. "adam".</param>
    /// <param name="description">One short line for help.</param>
    /// <param name="create">A new optimiser (with fresh state) from the options; null ones mean the rule's defaults.</param>
    public OptimizerEntry(string name, string description, Func<OptimizerOptions, IOptimizer> create)
    {
        Name = name;
        Description = description;
        Create = create ?? throw new ArgumentNullException(nameof(create));
    }

    public string Name { get; }
    public string Description { get; }
    public IReadOnlyList<string> Aliases { get; init; } = [];

    /// <summary>Makes the optimiser.</summary>
    public Func<OptimizerOptions, IOptimizer> Create { get; }

    /// <summary>The options the rule takes (default none).</summary>
    public OptimizerOption Takes { get; init; }

    public override string ToString() => $"{Name}: {Description}";
}
