namespace NotebookDL.Data;

/// <summary>
/// Which data set a notebook uses when it asks for "the best one here": the first of a preference order that
/// this machine has. CIFAR-10 and MNIST are here when <see cref="DataPaths"/> finds their files; the built-in
/// data sets (digits, spiral, synthetic) always are, so a list ending with one of them always finds something
/// and one notebook serves a classroom with or without the real data.
/// <code>
/// var choice = DatasetChoice.Choose(DatasetChoice.DefaultPreference, DataPaths.FromEnvironment());
/// Console.WriteLine(choice!.Name);   // cifar10 where NOTEBOOKDL_DATA holds it, else mnist, else digits
/// </code>
/// </summary>
/// <remarks>
/// A real data set is chosen because its files are there; loading them can still fail (a corrupt or oversized
/// file). The caller then <see cref="Reject"/>s the choice with the reason and gets the next one in the order,
/// which keeps the reasons in <see cref="Rejected"/> so that the notebook can say why it fell back.
/// </remarks>
/// <param name="Name">The data set chosen.</param>
/// <param name="Preference">The order it was chosen from (lower case, repeats dropped).</param>
/// <param name="Missing">The data sets before it in that order that this machine does not have.</param>
/// <param name="Paths">Where the real data sets were looked for.</param>
public sealed record DatasetChoice(string Name, IReadOnlyList<string> Preference, IReadOnlyList<string> Missing, DataPaths Paths)
{
    /// <summary>The data sets before it in the order that are here but could not be loaded, with why.</summary>
    public IReadOnlyList<DatasetRejection> Rejected { get; init; } = [];

    /// <summary>The data sets a preference may name.</summary>
    public static IReadOnlyList<string> Candidates { get; } = ["cifar10", "mnist", "digits", "spiral", "synthetic"];

    /// <summary>The real data sets first, then the built-in digits.</summary>
    public static IReadOnlyList<string> DefaultPreference { get; } = ["cifar10", "mnist", "digits"];

    /// <summary>True when an earlier preference was missing or could not be loaded, so this is a fallback.</summary>
    public bool FellBack => Missing.Count > 0 || Rejected.Count > 0;

    /// <summary>True for the data sets shipped with the engine.</summary>
    public bool BuiltIn => IsBuiltIn(Name);

    /// <summary>True for digits, spiral and synthetic, which every machine has.</summary>
    public static bool IsBuiltIn(string name) => name is not ("cifar10" or "mnist");

    /// <summary>
    /// The first of <paramref name="preference"/> (any case; see <see cref="Candidates"/>) that
    /// <paramref name="paths"/> has, or null when none is here.
    /// </summary>
    public static DatasetChoice? Choose(IEnumerable<string> preference, DataPaths paths)
    {
        ArgumentNullException.ThrowIfNull(preference);
        ArgumentNullException.ThrowIfNull(paths);
        var order = preference.Select(p => p.ToLowerInvariant()).Distinct().ToList();
        if (order.FirstOrDefault(p => !Candidates.Contains(p)) is { } unknown)
            throw new ArgumentException($"'{unknown}' is not one of {string.Join(", ", Candidates)}", nameof(preference));
        return First(order, 0, [], [], paths);
    }

    /// <summary>
    /// The next data set of the preference that this machine has, after this one could not be loaded for
    /// <paramref name="reason"/> (e.g. a corrupt file, named), or null when none is left.
    /// </summary>
    public DatasetChoice? Reject(string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        int next = Preference.ToList().IndexOf(Name) + 1;
        return First(Preference, next, [.. Missing], [.. Rejected, new DatasetRejection(Name, reason)], Paths);
    }

    /// <summary>The first of <paramref name="order"/> from <paramref name="start"/> on that <paramref name="paths"/> has.</summary>
    private static DatasetChoice? First(IReadOnlyList<string> order, int start, List<string> missing, IReadOnlyList<DatasetRejection> rejected, DataPaths paths)
    {
        for (int k = start; k < order.Count; k++)
        {
            var name = order[k];
            bool here = name switch { "cifar10" => paths.HasCifar10, "mnist" => paths.HasMnist, _ => true };
            if (here) return new DatasetChoice(name, order, missing, paths) { Rejected = rejected };
            missing.Add(name);
        }
        return null;
    }
}

/// <summary>A data set of the preference that was here but could not be loaded, and why.</summary>
/// <param name="Name">The data set, e.g. "cifar10".</param>
/// <param name="Reason">The loader's error, naming the file.</param>
public sealed record DatasetRejection(string Name, string Reason)
{
    public override string ToString() => $"{Name}: {Reason}";
}
