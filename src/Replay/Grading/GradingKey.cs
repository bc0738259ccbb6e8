using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using NotebookDL.Exercises;
using NotebookDL.Extension.Commands;

namespace NotebookDL.Replay.Grading;

/// <summary>
/// One exercise of a grading key: the engine's exercise, the C# the key hands to its check (<c>MySoftmax</c>,
/// <c>typeof(MyBatchNorm)</c>, or a variable or class name from <c>#!check ... --impl</c>), and its points.
/// </summary>
/// <param name="Name">The exercise's name in <see cref="ExerciseCatalog"/>.</param>
/// <param name="Expression">The C# expression (or name) the key checks: the learner's code is expected under it.</param>
/// <param name="Points">What a pass is worth.</param>
public sealed record KeyExercise(string Name, string Expression, int Points)
{
    /// <summary>The name the learner's code must declare: the expression's identifier (<c>MyBatchNorm</c> in <c>typeof(MyBatchNorm)</c>).</summary>
    public string Identifier => Regex.Match(Expression, @"^(?:typeof\s*\(\s*)?(?<id>[A-Za-z_]\w*)").Groups["id"].Value;

    /// <summary>True when the key names a class or variable (<c>#!check x --impl Name</c>) rather than a C# expression.</summary>
    public bool IsName => Regex.IsMatch(Expression, @"^[A-Za-z_]\w*$");
}

/// <summary>
/// The teacher's solution notebook read as a grading key: every exercise it checks, with <c>Check("name", Expr)</c>
/// or <c>#!check name --impl Name</c>, in order; 1 point each unless the key's metadata says otherwise —
/// <c>"notebookdl": {"points": {"batchnorm": 3}}</c> in an .ipynb, or a markdown line
/// <c>&lt;!-- notebookdl-points: batchnorm=3 --&gt;</c> in a .dib (the converter writes it into the metadata).
/// </summary>
public static partial class GradingKey
{
    [GeneratedRegex(@"(?<![\w.])Check\(\s*""(?<name>[\w-]+)""\s*,\s*")]
    private static partial Regex CheckCall();

    [GeneratedRegex(@"^\s*#!check\s+(?:--exercise\s+)?(?<name>[\w-]+)\b.*?--impl\s+(?<impl>[A-Za-z_]\w*)", RegexOptions.Multiline)]
    private static partial Regex CheckCommand();

    /// <summary>The exercises of the key notebook at <paramref name="path"/> (.ipynb or .dib).</summary>
    /// <exception cref="InvalidDataException">The key cannot be read, checks nothing, names an unknown exercise, or gives points to one it does not check.</exception>
    public static IReadOnlyList<KeyExercise> Read(string path)
    {
        var notebook = SubmissionFile.Read(path);
        var points = notebook.Root["metadata"]?["notebookdl"]?["points"] as JsonObject;
        var exercises = new List<KeyExercise>();
        var cells = notebook.Cells.OfType<JsonObject>().ToList();
        for (int i = 0; i < cells.Count; i++)
        {
            if ((string?)cells[i]["cell_type"] != "code") continue;
            var source = NotebookFile.Source(cells[i]);
            foreach (var (name, expression) in Checks(source))
            {
                if (exercises.Any(e => e.Name == name)) continue; // checked again later: graded once
                try
                {
                    ExerciseCatalog.Find(name);
                }
                catch (ArgumentException e)
                {
                    throw new InvalidDataException($"{path}: the key checks {MagicCommand.UserMessage(e)}");
                }
                exercises.Add(new KeyExercise(name, expression, PointsOf(points, name, path)));
            }
        }
        if (exercises.Count == 0)
            throw new InvalidDataException($"{path}: the key checks no exercise (it needs cells with Check(\"name\", YourCode) or #!check name --impl YourCode)");
        foreach (var (name, _) in points ?? [])
            if (!exercises.Any(e => e.Name == name))
                throw new InvalidDataException($"{path}: notebookdl points name '{name}', which the key does not check (it checks {string.Join(", ", exercises.Select(e => e.Name))})");
        return exercises;
    }

    /// <summary>The (exercise, expression) pairs a cell checks, in the order they appear.</summary>
    internal static IEnumerable<(string Name, string Expression)> Checks(string source)
    {
        var found = new List<(int At, string Name, string Expression)>();
        foreach (Match m in CheckCall().Matches(source))
            if (Argument(source, m.Index + m.Length) is { Length: > 0 } expression)
                found.Add((m.Index, m.Groups["name"].Value, expression));
        foreach (Match m in CheckCommand().Matches(source))
            found.Add((m.Index, m.Groups["name"].Value, m.Groups["impl"].Value));
        return found.OrderBy(f => f.At).Select(f => (f.Name, f.Expression));
    }

    /// <summary>The argument starting at <paramref name="start"/>: up to the comma or closing parenthesis at its own depth.</summary>
    private static string? Argument(string source, int start)
    {
        int depth = 0;
        for (int i = start; i < source.Length; i++)
        {
            char c = source[i];
            if (c is '(' or '[' or '{' or '<') depth++;
            else if (c is ')' or ']' or '}' or '>')
            {
                if (depth == 0) return c == ')' ? source[start..i].Trim() : null;
                depth--;
            }
            else if (c == ',' && depth == 0) return source[start..i].Trim();
            else if (c is '\n' or ';' or '"') return null;
        }
        return null;
    }

    private static int PointsOf(JsonObject? points, string name, string path)
    {
        if (points?[name] is not { } node) return 1;
        try
        {
            int value = node.GetValue<int>();
            if (value >= 0) return value;
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException) { }
        throw new InvalidDataException($"{path}: notebookdl points of '{name}' must be a whole number of 0 or more, got {node.ToJsonString()}");
    }
}
