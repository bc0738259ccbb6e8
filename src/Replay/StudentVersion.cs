using System.Text;
using System.Text.RegularExpressions;

namespace NotebookDL.Replay;

/// <summary>
/// Writes the student version of exercise notebooks: in C# cells every solution, the lines between
/// <c>// BEGIN SOLUTION</c> and <c>// END SOLUTION</c>, becomes a stub that throws "not implemented yet"
/// (at the markers' indentation), while the checks around it stay; the teacher's expected numbers
/// (<c>&lt;!-- notebookdl-expect: ... --&gt;</c>) give way to the student version's
/// (<c>&lt;!-- notebookdl-student-expect: ... --&gt;</c>). Markers hold statements inside a method or lambda body,
/// so the stub compiles where the solution stood. Output goes to its own folder, never into the notebooks'.
/// </summary>
public static partial class StudentVersion
{
    public const string BeginMarker = "// BEGIN SOLUTION";
    public const string EndMarker = "// END SOLUTION";

    /// <summary>What a solution becomes: the learner's checks then show "not implemented yet".</summary>
    public const string Stub = "throw new NotImplementedException(\"not implemented yet\");";

    [GeneratedRegex(@"[ \t]*<!--\s*notebookdl-expect:.*?-->[ \t]*\n?", RegexOptions.Singleline)]
    private static partial Regex TeacherExpectations();

    [GeneratedRegex(@"<!--(\s*)notebookdl-student-expect:")]
    private static partial Regex StudentExpectations();

    /// <summary>The student version of a .dib notebook and how many solutions it replaced.</summary>
    /// <exception cref="InvalidDataException">Unbalanced or nested markers, or a solution running into another cell; the message names the line.</exception>
    public static (string Text, int Solutions) Strip(string dibText, string source = "notebook")
    {
        var lines = dibText.Replace("\r\n", "\n").Split('\n');
        var output = new StringBuilder();
        bool inCode = false, inSolution = false;
        int begin = 0, solutions = 0;
        for (int i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var trimmed = line.Trim();
            if (line.StartsWith("#!", StringComparison.Ordinal) && IsCellStart(trimmed))
            {
                if (inSolution) throw new InvalidDataException($"{source}:{begin}: the solution opened here runs into the next cell (line {i + 1}): close it with {EndMarker}");
                inCode = trimmed is "#!csharp" or "#!c#" or "#!cs";
            }
            else if (inCode && trimmed.StartsWith(BeginMarker, StringComparison.Ordinal))
            {
                if (inSolution) throw new InvalidDataException($"{source}:{i + 1}: {BeginMarker} inside the solution opened at line {begin}: close that one first with {EndMarker}");
                (inSolution, begin) = (true, i + 1);
                var indent = line[..(line.Length - line.TrimStart().Length)];
                output.Append(indent).Append("// YOUR CODE HERE\n").Append(indent).Append(Stub).Append('\n');
                solutions++;
                continue;
            }
            else if (inCode && trimmed.StartsWith(EndMarker, StringComparison.Ordinal))
            {
                if (!inSolution) throw new InvalidDataException($"{source}:{i + 1}: {EndMarker} without a {BeginMarker} before it");
                inSolution = false;
                continue;
            }
            if (inSolution) continue;
            output.Append(line);
            if (i < lines.Length - 1) output.Append('\n');
        }
        if (inSolution) throw new InvalidDataException($"{source}:{begin}: {BeginMarker} is never closed with {EndMarker}");
        var text = TeacherExpectations().Replace(output.ToString(), "");
        text = StudentExpectations().Replace(text, "<!--$1notebookdl-expect:");
        return (text, solutions);
    }

    /// <summary>
    /// Writes the student version of every .dib in <paramref name="folder"/> (and its converted .ipynb) into
    /// <paramref name="outFolder"/>; returns each notebook's name and how many solutions it replaced.
    /// </summary>
    /// <exception cref="ArgumentException">The output folder is the notebooks' folder or inside it.</exception>
    public static IReadOnlyList<(string Notebook, int Solutions)> WriteFolder(string folder, string outFolder)
    {
        var source = Path.GetFullPath(folder);
        var target = Path.GetFullPath(outFolder);
        if (!Directory.Exists(source)) throw new DirectoryNotFoundException($"no notebooks folder '{folder}'");
        if (IsInside(target, source) || IsInside(target, RepositoryNotebooks(target)))
            throw new ArgumentException($"the student version goes to a folder of its own, never into the notebooks' folder: '{outFolder}' is inside '{(IsInside(target, source) ? folder : "notebooks")}'");
        var dibs = Directory.GetFiles(source, "*.dib").Order(StringComparer.Ordinal).ToList();
        if (dibs.Count == 0) throw new FileNotFoundException($"no .dib notebooks in '{folder}'");
        Directory.CreateDirectory(target);
        var written = new List<(string, int)>();
        foreach (var dib in dibs)
        {
            var name = Path.GetFileNameWithoutExtension(dib);
            var (text, solutions) = Strip(File.ReadAllText(dib), Path.GetFileName(dib));
            File.WriteAllText(Path.Combine(target, name + ".dib"), text);
            File.WriteAllText(Path.Combine(target, name + ".ipynb"), NotebookConverter.ToIpynb(text));
            written.Add((name, solutions));
        }
        return written;
    }

    /// <summary>A .dib cell separator: #!csharp, #!markdown, #!meta and the other kernels' names (not a magic command).</summary>
    private static bool IsCellStart(string trimmed) =>
        trimmed is "#!csharp" or "#!c#" or "#!cs" or "#!markdown" or "#!md" or "#!meta" or "#!fsharp" or "#!f#" or "#!pwsh" or "#!powershell"
            or "#!javascript" or "#!js" or "#!html" or "#!sql" or "#!kql" or "#!mermaid" or "#!value" or "#!http";

    private static bool IsInside(string path, string? folder)
    {
        if (folder is null) return false;
        var f = Path.TrimEndingDirectorySeparator(folder);
        var p = Path.TrimEndingDirectorySeparator(path);
        return p.Equals(f, StringComparison.Ordinal) || p.StartsWith(f + Path.DirectorySeparatorChar, StringComparison.Ordinal);
    }

    /// <summary>The notebooks/ folder of the repository the path is in (found by NotebookDL.sln), if any.</summary>
    private static string? RepositoryNotebooks(string path)
    {
        for (var dir = new DirectoryInfo(path); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "NotebookDL.sln"))) return Path.Combine(dir.FullName, "notebooks");
        return null;
    }
}
