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
/// <param name="Name">The data set chosen.</param>
/// <param name="Preference">The order it was chosen from (lower case, repeats dropped).</param>
/// <param name="Missing">The data sets before it in that order that this machine does not have.</param>
/// <param name="Paths">Where the real data sets were looked for.</param>
public sealed record DatasetChoice(string Name, IReadOnlyList<string> Preference, IReadOnlyList<string> Missing, DataPaths Paths)
{
    /// <summary>The data sets a preference may name.</summary>
    public static IReadOnlyList<string> Candidates { get; } = ["cifar10", "mnist", "digits", "spiral", "synthetic"];

    /// <summary>The real data sets first, then the built-in digits.</summary>
    public static IReadOnlyList<string> DefaultPreference { get; } = ["cifar10", "mnist", "digits"];

    /// <summary>True when an earlier preference was missing, so this is a fallback.</summary>
    public bool FellBack => Missing.Count > 0;

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
        var missing = new List<string>();
        foreach (var name in order)
        {
            bool here = name switch { "cifar10" => paths.HasCifar10, "mnist" => paths.HasMnist, _ => true };
            if (here) return new DatasetChoice(name, order, missing, paths);
            missing.Add(name);
        }
        return null;
    }
}
