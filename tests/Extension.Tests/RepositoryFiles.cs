namespace NotebookDL.Tests.Extension;

/// <summary>The repository the tests run in: its root (the folder of NotebookDL.sln) and the C# cells of its .dib notebooks.</summary>
public static class RepositoryFiles
{
    /// <summary>The folder holding NotebookDL.sln, above the test's output.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>A file of the repository, e.g. <c>README.md</c> or <c>notebooks/11-exercises.dib</c>.</summary>
    public static string PathOf(string relative) => Path.Combine(Root, relative);

    /// <summary>The non-empty C# cells of a .dib notebook, in order, each trimmed.</summary>
    public static IEnumerable<string> CSharpCells(string relativeDib)
    {
        string? kind = null;
        var cell = new List<string>();
        foreach (var line in File.ReadAllLines(PathOf(relativeDib)).Append("#!end"))
        {
            if (line is "#!csharp" or "#!markdown" or "#!meta" or "#!end")
            {
                var code = string.Join("\n", cell).Trim();
                if (kind == "#!csharp" && code.Length > 0) yield return code;
                (kind, cell) = (line, []);
            }
            else cell.Add(line);
        }
    }

    private static string FindRoot()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(root.FullName, "NotebookDL.sln"))) root = root.Parent!;
        return root.FullName;
    }
}
