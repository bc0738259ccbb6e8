namespace NotebookDL.Tests;

/// <summary>
/// Locates the real data sets in ../shared/data beside the repository. A user's fresh clone has no
/// ../shared, so tests that need it skip with a message; under CI (CI=true) its absence is a failure.
/// </summary>
public static class SharedData
{
    public static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>The folder ../shared/data/<paramref name="name"/>, or a skip (a failure in CI) when absent.</summary>
    public static string Require(string name)
    {
        var dir = Find(name);
        if (dir is not null) return dir;
        var message = $"../shared/data/{name} not found beside the repository: test skipped";
        if (InCi) throw new InvalidOperationException(message.Replace("test skipped", "CI=true requires it"));
        Skip.If(true, message);
        return "";
    }

    /// <summary>The folder, or null when it is absent.</summary>
    public static string? Find(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "NotebookDL.sln")))
            {
                var path = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "data", name));
                return Directory.Exists(path) ? path : null;
            }
        }
        return null;
    }
}
