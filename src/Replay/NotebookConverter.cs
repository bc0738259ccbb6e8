using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.DotNet.Interactive.Documents;

namespace NotebookDL.Replay;

/// <summary>
/// Writes a notebook's .ipynb from its .dib twin, the form the notebooks are written in (plain text, easy to
/// review). The .ipynb gets the .NET C# kernelspec, the load cell's tag (the code cell holding
/// <c>#r "nuget:NotebookDL"</c>) and the numbers the notebook must show, read from a markdown comment
/// <c>&lt;!-- notebookdl-expect: 0.842 | 176.26 --&gt;</c> into that cell's metadata (<see cref="Expectation"/>: a replay
/// looks for them in the cells after it).
/// </summary>
public static partial class NotebookConverter
{
    [GeneratedRegex(@"<!--\s*notebookdl-expect:(?<list>.*?)-->", RegexOptions.Singleline)]
    private static partial Regex ExpectComment();

    /// <summary>A grading key's points in a markdown cell: <c>&lt;!-- notebookdl-points: batchnorm=3, adam=2 --&gt;</c>.</summary>
    [GeneratedRegex(@"<!--\s*notebookdl-points:(?<list>.*?)-->", RegexOptions.Singleline)]
    private static partial Regex PointsComment();

    public static string ToIpynb(string dibText)
    {
        var kernels = new KernelInfoCollection { new("csharp", "C#", ["c#", "cs"]), new("markdown", "Markdown", ["md"]) };
        kernels.DefaultKernelName = "csharp";
        var document = CodeSubmission.Parse(dibText, kernels);
        var cells = new JsonArray();
        var points = new JsonObject();
        bool loadCellSeen = false;
        foreach (var element in document.Elements)
        {
            var source = element.Contents.Trim('\n', '\r');
            if (source.Length == 0) continue;
            if (element.KernelName == "markdown")
            {
                var expectations = ExpectComment().Matches(source)
                    .SelectMany(m => m.Groups["list"].Value.Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                    .Select(e => (JsonNode)JsonValue.Create(e)!).ToArray();
                foreach (Match m in PointsComment().Matches(source))
                    foreach (var pair in m.Groups["list"].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                        points[pair.Split('=')[0].Trim()] = pair.Split('=') is [_, var value] && int.TryParse(value.Trim(), out var n) && n >= 0
                            ? n : throw new InvalidDataException($"notebookdl-points: '{pair}' is not exercise=points (a whole number)");
                var cellMetadata = expectations.Length == 0 ? new JsonObject()
                    : new JsonObject { ["notebookdl"] = new JsonObject { [Expectation.MetadataKey] = new JsonArray(expectations) } };
                cells.Add(new JsonObject { ["cell_type"] = "markdown", ["metadata"] = cellMetadata, ["source"] = Lines(source) });
                continue;
            }
            var metadata = new JsonObject
            {
                ["polyglot_notebook"] = new JsonObject { ["kernelName"] = element.KernelName ?? "csharp" },
            };
            if (!loadCellSeen && source.Contains("#r \"nuget:NotebookDL", StringComparison.Ordinal))
            {
                loadCellSeen = true;
                metadata["tags"] = new JsonArray(NotebookFile.LoadCellTag);
            }
            cells.Add(new JsonObject
            {
                ["cell_type"] = "code", ["execution_count"] = null, ["metadata"] = metadata, ["outputs"] = new JsonArray(), ["source"] = Lines(source),
            });
        }
        if (!loadCellSeen) throw new InvalidDataException("the notebook has no load cell (#r \"nuget:NotebookDL\")");
        var root = new JsonObject
        {
            ["cells"] = cells,
            ["metadata"] = new JsonObject
            {
                ["kernelspec"] = new JsonObject { ["display_name"] = ".NET (C#)", ["language"] = "C#", ["name"] = ".net-csharp" },
                ["language_info"] = new JsonObject { ["file_extension"] = ".cs", ["mimetype"] = "text/x-csharp", ["name"] = "C#", ["pygments_lexer"] = "csharp", ["version"] = "13.0" },
                ["polyglot_notebook"] = new JsonObject
                {
                    ["kernelInfo"] = new JsonObject
                    {
                        ["defaultKernelName"] = "csharp",
                        ["items"] = new JsonArray(new JsonObject { ["aliases"] = new JsonArray(), ["name"] = "csharp" }),
                    },
                },
                ["notebookdl"] = points.Count > 0 ? new JsonObject { ["points"] = points } : new JsonObject(),
            },
            ["nbformat"] = 4,
            ["nbformat_minor"] = 5,
        };
        return NotebookFile.WithCellIds(root).ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n";
    }

    /// <summary>Converts every .dib in <paramref name="folder"/>; returns the .ipynb paths written.</summary>
    public static IReadOnlyList<string> ConvertFolder(string folder)
    {
        var written = new List<string>();
        foreach (var dib in Directory.GetFiles(folder, "*.dib").Order(StringComparer.Ordinal))
        {
            var ipynb = Path.ChangeExtension(dib, ".ipynb");
            File.WriteAllText(ipynb, ToIpynb(File.ReadAllText(dib)));
            written.Add(ipynb);
        }
        return written;
    }

    /// <summary>nbformat's list-of-lines form: every line but the last keeps its newline.</summary>
    private static JsonArray Lines(string text)
    {
        var lines = text.Replace("\r\n", "\n").Split('\n');
        return new JsonArray(lines.Select((l, i) => (JsonNode)JsonValue.Create(i < lines.Length - 1 ? l + "\n" : l)!).ToArray());
    }
}
