namespace NotebookDL.Data;

/// <summary>
/// Where the real data sets live on this machine: a root folder (named by the environment variable
/// <c>NOTEBOOKDL_DATA</c>) holding <c>cifar10/</c> (the cifar-10-batches-bin files) and/or <c>mnist/</c>
/// (IDX files). Notebooks ask it which data sets are present and fall back to the built-in ones
/// (<see cref="Digits"/>, <see cref="Spiral"/>) when a real one is not.
/// </summary>
/// <param name="Root">The root folder, or null when the variable is unset.</param>
/// <param name="Cifar10">The CIFAR-10 folder when it exists and holds a batch file, else null.</param>
/// <param name="Mnist">The MNIST folder when it exists and holds an images file, else null.</param>
public sealed record DataPaths(string? Root, string? Cifar10, string? Mnist)
{
    /// <summary>The environment variable naming the root folder.</summary>
    public const string EnvironmentVariable = "NOTEBOOKDL_DATA";

    /// <summary>True when CIFAR-10 batch files were found.</summary>
    public bool HasCifar10 => Cifar10 is not null;

    /// <summary>True when MNIST images were found.</summary>
    public bool HasMnist => Mnist is not null;

    /// <summary>
    /// <paramref name="path"/> with a leading <c>~</c> expanded to the home folder, as a shell would (<c>~</c> and
    /// <c>~/data</c>; <c>~user</c> and a <c>~</c> elsewhere are left as they are): a notebook's path, or an environment
    /// variable set in a file the shell never saw, is not expanded for us.
    /// </summary>
    public static string Expand(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var trimmed = path.Trim();
        if (trimmed != "~" && !trimmed.StartsWith("~/", StringComparison.Ordinal) && !trimmed.StartsWith("~" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            return path;
        var home = Environment.GetEnvironmentVariable("HOME") is { Length: > 0 } h ? h : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return trimmed.Length == 1 ? home : Path.Combine(home, trimmed[2..]);
    }

    /// <summary>Reads <c>NOTEBOOKDL_DATA</c>; unset or empty gives a result with nothing present.</summary>
    public static DataPaths FromEnvironment()
    {
        var root = Environment.GetEnvironmentVariable(EnvironmentVariable);
        return string.IsNullOrWhiteSpace(root) ? new DataPaths(null, null, null) : FromRoot(root);
    }

    /// <summary>Looks for <c>cifar10/</c> and <c>mnist/</c> under <paramref name="root"/> (which need not exist).</summary>
    public static DataPaths FromRoot(string root)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        var full = Path.GetFullPath(Expand(root));
        string? Find(string sub, params string[] patterns)
        {
            var dir = Path.Combine(full, sub);
            return Directory.Exists(dir) && patterns.Any(p => Directory.EnumerateFiles(dir, p).Any()) ? dir : null;
        }
        return new DataPaths(full,
            Find("cifar10", "data_batch_*.bin", "test_batch*.bin"),
            Find("mnist", "*images*idx3-ubyte", "*images*idx3-ubyte.gz"));
    }

    /// <summary>e.g. "NOTEBOOKDL_DATA = /data: cifar10 present, mnist absent".</summary>
    public override string ToString() =>
        Root is null
            ? $"{EnvironmentVariable} is not set: only the built-in data sets (digits, spiral) are available"
            : $"{EnvironmentVariable} = {Root}: cifar10 {(HasCifar10 ? "present" : "absent")}, mnist {(HasMnist ? "present" : "absent")}";
}
