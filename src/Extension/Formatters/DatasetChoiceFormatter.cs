using NotebookDL.Data;

namespace NotebookDL.Extension.Formatters;

/// <summary>The sentence <c>#!dataset auto</c> shows: which data set it took, why, and how to get the ones it missed.</summary>
public static class DatasetChoiceFormatter
{
    public static string Why(DatasetChoice c)
    {
        var env = DataPaths.EnvironmentVariable;
        var missing = c.Missing;
        var reasons = new List<string>();
        if (missing.Count > 0)
            reasons.Add(c.Paths.Root is null
                ? $"{env} is not set, so there is no {string.Join(" or ", missing)}"
                : $"{env} = {c.Paths.Root} holds no {string.Join("/ or ", missing)}/ folder with its files");
        reasons.Add(c.BuiltIn ? $"{c.Name} is built in" : $"{env} = {c.Paths.Root} holds {c.Name}/");
        var why = $"--name auto used {c.Name}, the first of --prefer {string.Join(",", c.Preference)} found here: {string.Join("; ", reasons)}";
        if (missing.Count > 0)
            why += $". For {string.Join(" or ", missing)}, set {env} to a folder holding {string.Join("/ or ", missing)}/ (#!dataset {missing[0]} says where to get it) and restart the kernel";
        return why;
    }
}
