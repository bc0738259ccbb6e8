using NotebookDL.Data;

namespace NotebookDL.Extension.Formatters;

/// <summary>The sentence <c>#!dataset auto</c> shows: which data set it took, why, and how to get the ones it missed.</summary>
public static class DatasetChoiceFormatter
{
    public static string Why(DatasetChoice c)
    {
        var env = DataPaths.EnvironmentVariable;
        var missing = c.Missing;
        var reasons = PassedOver(c.Paths, missing, c.Rejected);
        reasons.Add(c.BuiltIn ? $"{c.Name} is built in" : $"{env} = {c.Paths.Root} holds {c.Name}/");
        var why = $"--name auto used {c.Name}, the first of --prefer {string.Join(",", c.Preference)} {(c.Rejected.Count > 0 ? "that loaded" : "found here")}: {string.Join("; ", reasons)}";
        if (missing.Count > 0)
            why += $". For {string.Join(" or ", missing)}, set {env} to a folder holding {string.Join("/ or ", missing)}/ (#!dataset {missing[0]} says where to get it) and restart the kernel";
        if (c.Rejected.Count > 0)
            why += $". To use {string.Join(" or ", c.Rejected.Select(r => r.Name))}, replace the files named above (#!dataset {c.Rejected[0].Name} says where to get them)";
        return why;
    }

    /// <summary>
    /// The error when the last real data set of --prefer, <paramref name="last"/>, could not be loaded either
    /// (<paramref name="reason"/>) and no built-in one follows.
    /// </summary>
    public static string NoneUsable(DatasetChoice last, string reason)
    {
        IReadOnlyList<DatasetRejection> rejected = [.. last.Rejected, new DatasetRejection(last.Name, reason)];
        var missing = last.Preference.Where(p => rejected.All(r => r.Name != p)).ToList();
        return $"--name auto: none of --prefer {string.Join(",", last.Preference)} could be used: {string.Join("; ", PassedOver(last.Paths, missing, rejected))}; " +
               "end the list with a built-in data set (digits, spiral or synthetic) to fall back on";
    }

    /// <summary>Why data sets of the preference were passed over: not here, or here but not loaded.</summary>
    private static List<string> PassedOver(DataPaths paths, IReadOnlyList<string> missing, IReadOnlyList<DatasetRejection> rejected)
    {
        var env = DataPaths.EnvironmentVariable;
        var reasons = new List<string>();
        if (missing.Count > 0)
            reasons.Add(paths.Root is null
                ? $"{env} is not set, so there is no {string.Join(" or ", missing)}"
                : $"{env} = {paths.Root} holds no {string.Join("/ or ", missing)}/ folder with its files");
        foreach (var r in rejected)
            reasons.Add($"{env} = {paths.Root} holds {r.Name}/ but it could not be loaded ({r.Reason})");
        return reasons;
    }
}
