namespace NotebookDL.Init;

/// <summary>
/// One weight initialisation known by name (<see cref="InitializerRegistry"/>): the name <c>#!train --init</c>
/// and <see cref="Initializer.Parse"/> read, a line of help, and the initialiser.
/// </summary>
public sealed class InitializerEntry : IRegistryEntry
{
    /// <param name="name">Lower case, no spaces, commas or colons, e.g. "he".</param>
    /// <param name="description">One short line for help, e.g. "randn·√(2/fan_in), for ReLU".</param>
    /// <param name="initializer">The initialiser (immutable: one instance serves every layer).</param>
    public InitializerEntry(string name, string description, Initializer initializer)
    {
        Name = name;
        Description = description;
        Initializer = initializer ?? throw new ArgumentNullException(nameof(initializer));
    }

    public string Name { get; }
    public string Description { get; }
    public IReadOnlyList<string> Aliases { get; init; } = [];

    /// <summary>The initialiser this name stands for.</summary>
    public Initializer Initializer { get; }

    public override string ToString() => $"{Name}: {Description}";
}
