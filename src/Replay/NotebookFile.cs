using System.Text.Json;
using System.Text.Json.Nodes;

namespace NotebookDL.Replay;

/// <summary>
/// A Jupyter notebook (.ipynb, nbformat 4) read as JSON so that everything the runner does not touch is kept
/// as it was; the runner fills in outputs and execution counts.
/// </summary>
public sealed class NotebookFile
{
    /// <summary>The tag of the cell that loads NotebookDL (<c>#r "nuget:NotebookDL"</c>).</summary>
    public const string LoadCellTag = "notebookdl-load";

    private NotebookFile(string path, JsonObject root)
    {
        Path = path;
        Root = root;
    }

    public string Path { get; }
    public string Name => System.IO.Path.GetFileNameWithoutExtension(Path);
    public JsonObject Root { get; }
    public JsonArray Cells => Root["cells"] as JsonArray ?? throw new InvalidDataException($"{Path}: not a notebook (no cells)");

    public static NotebookFile Read(string path) => Parse(File.ReadAllText(path), path);

    /// <summary>The notebook whose JSON text is <paramref name="json"/>, named by <paramref name="path"/>.</summary>
    public static NotebookFile Parse(string json, string path)
    {
        var node = JsonNode.Parse(json) as JsonObject
                   ?? throw new InvalidDataException($"{path}: not a JSON object");
        if (node["nbformat"]?.GetValue<int>() != 4) throw new InvalidDataException($"{path}: only nbformat 4 notebooks are supported");
        return new NotebookFile(path, node);
    }

    /// <summary>The notebook's title: its first markdown heading, else its file name.</summary>
    public string Title =>
        Cells.OfType<JsonObject>().Where(c => (string?)c["cell_type"] == "markdown")
            .SelectMany(c => Source(c).Split('\n'))
            .FirstOrDefault(l => l.StartsWith("# ", StringComparison.Ordinal))?[2..].Trim() ?? Name;

    /// <summary>Strings every run of this notebook must show, each after the markdown cell that states it (<see cref="Expectation"/>).</summary>
    public IReadOnlyList<Expectation> Expectations => Expectation.Of(this);

    /// <summary>A cell's source as one string (nbformat stores a string or a list of lines).</summary>
    public static string Source(JsonObject cell) => cell["source"] switch
    {
        JsonArray lines => string.Concat(lines.Select(l => l!.GetValue<string>())),
        JsonValue v => v.GetValue<string>(),
        _ => "",
    };

    public static bool HasTag(JsonObject cell, string tag) =>
        cell["metadata"]?["tags"] is JsonArray tags && tags.Any(t => t?.GetValue<string>() == tag);

    /// <summary>The .NET Interactive kernel a code cell targets (csharp unless its metadata says otherwise).</summary>
    public static string KernelName(JsonObject cell) =>
        (string?)cell["metadata"]?["polyglot_notebook"]?["kernelName"]
        ?? (string?)cell["metadata"]?["dotnet_interactive"]?["language"]
        ?? "csharp";

    public void Write(string path)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!);
        WithCellIds(Root);
        File.WriteAllText(path, Root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
    }

    /// <summary>
    /// Makes <paramref name="root"/> an nbformat 4.5 notebook, whose cells need ids (without them nbformat warns
    /// that this "will become a hard error"): a cell without one gets "cell-N" (N its position, skipping ids in use),
    /// so that writing the same notebook again gives the same ids. Returns <paramref name="root"/>.
    /// </summary>
    public static JsonObject WithCellIds(JsonObject root)
    {
        root["nbformat"] = 4;
        if ((int?)root["nbformat_minor"] is not >= 5) root["nbformat_minor"] = 5;
        if (root["cells"] is not JsonArray cells) return root;
        var used = cells.OfType<JsonObject>().Select(c => (string?)c["id"]).OfType<string>().ToHashSet(StringComparer.Ordinal);
        int next = 0;
        foreach (var cell in cells.OfType<JsonObject>().Where(c => string.IsNullOrEmpty((string?)c["id"])))
        {
            string id;
            do id = $"cell-{next++}"; while (!used.Add(id));
            cell["id"] = id;
        }
        return root;
    }
}
