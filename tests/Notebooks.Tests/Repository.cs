namespace NotebookDL.Tests.Notebooks;

/// <summary>Where the repository and its notebooks are, found from the test assembly's folder.</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string Notebooks => Path.Combine(Root, "notebooks");

    public static IReadOnlyList<string> NotebookFiles =>
        Directory.GetFiles(Notebooks, "*.ipynb").Order(StringComparer.Ordinal).ToList();

    public static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "NotebookDL.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("NotebookDL.sln not found above " + AppContext.BaseDirectory);
    }
}
