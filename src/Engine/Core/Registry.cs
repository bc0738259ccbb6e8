namespace NotebookDL;

/// <summary>What every registry entry has: the name commands and options use, other names, and a line of help.</summary>
internal interface IRegistryEntry
{
    /// <summary>Lower case, no spaces, commas or colons (a comma list or a search's <c>choice:a,b</c> holds names).</summary>
    string Name { get; }

    /// <summary>Other names that read as this entry, in the same form.</summary>
    IReadOnlyList<string> Aliases { get; }

    /// <summary>One short line for help, e.g. "max(0, x)".</summary>
    string Description { get; }
}

/// <summary>
/// The names the engine knows for one kind of thing (activations, initialisations, optimisers, schedules):
/// the built-in entries, then any registered later, in order. Reading never locks (an array replaced whole
/// on each registration), so commands and trials running in parallel see a consistent list.
/// </summary>
internal sealed class Registry<TEntry> where TEntry : class, IRegistryEntry
{
    private readonly string _what;
    private readonly Action<TEntry>? _check;
    private readonly int _builtIns;
    private readonly Lock _lock = new();
    private TEntry[] _entries = [];
    private readonly TEntry[] _builtInEntries;

    /// <param name="what">What an entry is, for errors: "activation", "optimiser", ...</param>
    /// <param name="builtIns">The engine's own entries, which cannot be replaced.</param>
    /// <param name="check">Further checks of an entry before it is added (e.g. that it builds a layer).</param>
    public Registry(string what, TEntry[] builtIns, Action<TEntry>? check = null)
    {
        _what = what;
        _check = check;
        foreach (var entry in builtIns) Add(entry, check: false); // trusted, and the registry holding them is not built yet
        _builtIns = builtIns.Length;
        _builtInEntries = [.. _entries];
    }

    /// <summary>Every entry, built-in ones first (only those inside <see cref="Registries.BuiltInsOnly"/>).</summary>
    public IReadOnlyList<TEntry> Entries => Registries.ReadingBuiltInsOnly ? _builtInEntries : Volatile.Read(ref _entries);

    /// <summary>Every entry's name, in order.</summary>
    public IReadOnlyList<string> Names => [.. Entries.Select(e => e.Name)];

    /// <summary>The names as a help text lists them: "relu, tanh or sigmoid".</summary>
    public string NameList
    {
        get
        {
            var names = Names;
            return names.Count <= 1 ? string.Join("", names) : string.Join(", ", names.Take(names.Count - 1)) + " or " + names[^1];
        }
    }

    /// <summary>The entry named (or aliased) <paramref name="name"/>, ignoring case and surrounding spaces; null if none.</summary>
    public TEntry? Find(string? name)
    {
        if (name is null) return null;
        var key = name.Trim().ToLowerInvariant();
        foreach (var entry in Entries)
            if (entry.Name == key || entry.Aliases.Contains(key)) return entry;
        return null;
    }

    /// <summary>The entry named <paramref name="name"/>, or an <see cref="ArgumentException"/> listing the names there are.</summary>
    public TEntry Get(string name) =>
        Find(name) ?? throw new ArgumentException($"unknown {_what} '{name}': use one of {string.Join(", ", Names)}", nameof(name));

    /// <summary>
    /// Adds <paramref name="entry"/>, or replaces the entry registered earlier under its name, so that running a
    /// notebook cell (or a test) twice is harmless. A built-in entry cannot be replaced, and a name or alias may
    /// not be another entry's.
    /// </summary>
    public void Register(TEntry entry) => Add(entry, check: true);

    private void Add(TEntry entry, bool check)
    {
        ArgumentNullException.ThrowIfNull(entry);
        foreach (var name in entry.Aliases.Prepend(entry.Name)) CheckName(name);
        if (check) _check?.Invoke(entry);
        lock (_lock)
        {
            var entries = _entries.ToList();
            int at = entries.FindIndex(e => e.Name == entry.Name);
            if (at >= 0 && at < _builtIns)
                throw new ArgumentException($"'{entry.Name}' is a built-in {_what}; register yours under another name", nameof(entry));
            foreach (var name in entry.Aliases.Prepend(entry.Name))
            {
                var other = entries.Where((e, i) => i != at && (e.Name == name || e.Aliases.Contains(name))).FirstOrDefault();
                if (other is not null)
                    throw new ArgumentException($"the {_what} name '{name}' is taken by '{other.Name}'", nameof(entry));
            }
            if (at >= 0) entries[at] = entry;
            else entries.Add(entry);
            Volatile.Write(ref _entries, [.. entries]);
        }
    }

    private void CheckName(string name)
    {
        if (string.IsNullOrEmpty(name) || name != name.Trim().ToLowerInvariant() || name.Any(c => char.IsWhiteSpace(c) || c is ',' or ':'))
            throw new ArgumentException($"a {_what} name must be lower case without spaces, commas or colons, got '{name}'");
    }
}

/// <summary>What every registry shares.</summary>
internal static class Registries
{
    private static readonly AsyncLocal<bool> s_builtInsOnly = new();

    /// <summary>Whether this flow reads the registries as the engine ships them.</summary>
    public static bool ReadingBuiltInsOnly => s_builtInsOnly.Value;

    /// <summary>
    /// Until disposed, this thread and the tasks it starts read every registry (names, help lists, lookups) as the
    /// engine ships it, without the entries registered since; other flows, running in parallel, still see them.
    /// The README's option tables are rendered this way, so they do not depend on what a test registered before.
    /// </summary>
    public static IDisposable BuiltInsOnly()
    {
        bool before = s_builtInsOnly.Value;
        s_builtInsOnly.Value = true;
        return new Restore(before);
    }

    private sealed class Restore(bool before) : IDisposable
    {
        public void Dispose() => s_builtInsOnly.Value = before;
    }
}
