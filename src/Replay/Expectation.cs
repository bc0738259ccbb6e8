using System.Text.Json.Nodes;

namespace NotebookDL.Replay;

/// <summary>
/// A string a notebook must show — a number the course states — and the markdown cell whose note
/// (<c>&lt;!-- notebookdl-expect: ... --&gt;</c>) states it: it counts only in the outputs of the cells after that
/// note, so that a string the notebook shows earlier, for another reason, does not pass for it.
/// </summary>
/// <param name="Text">The string, e.g. <c>0.842</c>.</param>
/// <param name="NoteCell">The index in the notebook's cells of the markdown cell that states it.</param>
public sealed record Expectation(string Text, int NoteCell)
{
    /// <summary>The metadata key of a markdown cell's expectations: <c>metadata.notebookdl.expect</c>.</summary>
    public const string MetadataKey = "expect";

    /// <summary>The expectations a notebook's markdown cells state, in cell order.</summary>
    public static IReadOnlyList<Expectation> Of(NotebookFile notebook)
    {
        var found = new List<Expectation>();
        for (int i = 0; i < notebook.Cells.Count; i++)
            if (notebook.Cells[i]?["metadata"]?["notebookdl"]?[MetadataKey] is JsonArray list)
                found.AddRange(list.Select(v => new Expectation(v!.GetValue<string>(), i)));
        return found;
    }

    /// <summary>
    /// Checks the outputs of an executed notebook: the expectations found after their notes, and a sentence for each
    /// one that is not (saying when it appears only before its note).
    /// </summary>
    public static (IReadOnlyList<Expectation> Found, IReadOnlyList<string> Missing) Check(NotebookFile executed)
    {
        var outputs = executed.Cells.Select(c => c is JsonObject cell ? OutputText(cell) : "").ToList();
        var found = new List<Expectation>();
        var missing = new List<string>();
        foreach (var e in Of(executed))
        {
            if (outputs.Skip(e.NoteCell + 1).Any(text => text.Contains(e.Text, StringComparison.Ordinal))) found.Add(e);
            else if (outputs.Take(e.NoteCell).ToList().FindIndex(text => text.Contains(e.Text, StringComparison.Ordinal)) is var before and >= 0)
                missing.Add($"'{e.Text}' (stated in cell #{e.NoteCell + 1}) appears only before it, in cell #{before + 1}");
            else missing.Add($"'{e.Text}' (stated in cell #{e.NoteCell + 1}) is in no output after it");
        }
        return (found, missing);
    }

    /// <summary>What a cell's outputs show, unescaped (so that "5.35E+08" or "σ²" are found as shown).</summary>
    public static string OutputText(JsonObject cell) =>
        string.Join("\n", (cell["outputs"] as JsonArray ?? []).Select(o => o!.ToJsonString(Unescaped)));

    private static readonly System.Text.Json.JsonSerializerOptions Unescaped =
        new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
