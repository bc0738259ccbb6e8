using System.Text.Json.Nodes;
using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.Formatting;

namespace NotebookDL.Replay;

/// <summary>
/// Turns the kernel's events for one cell into nbformat outputs, as Jupyter would save them: displays,
/// in-place updates (the saved notebook keeps only the last one), the cell's value, stdout/stderr, errors.
/// </summary>
public sealed class CellOutputs
{
    private readonly List<JsonObject> _outputs = [];
    private readonly Dictionary<string, int> _byDisplayId = [];

    public IReadOnlyList<JsonObject> Outputs => _outputs;

    /// <summary>The error message when the cell failed, else null.</summary>
    public string? Failure { get; private set; }

    public void Add(KernelEvent e, int executionCount)
    {
        switch (e)
        {
            case DisplayedValueUpdated updated when updated.ValueId is not null && _byDisplayId.TryGetValue(updated.ValueId, out var index):
                _outputs[index] = Display(updated.FormattedValues, updated.ValueId);
                break;
            case ReturnValueProduced value:
                if (Data(value.FormattedValues) is { Count: > 0 } data)
                    _outputs.Add(new JsonObject { ["output_type"] = "execute_result", ["execution_count"] = executionCount, ["data"] = data, ["metadata"] = new JsonObject() });
                break;
            case StandardOutputValueProduced stdout:
                AddStream("stdout", stdout.FormattedValues);
                break;
            case StandardErrorValueProduced stderr:
                AddStream("stderr", stderr.FormattedValues);
                break;
            case ErrorProduced error:
                AddStream("stderr", error.FormattedValues);
                break;
            case DisplayEvent display and not DisplayedValueUpdated:
                if (display.ValueId is not null) _byDisplayId[display.ValueId] = _outputs.Count;
                _outputs.Add(Display(display.FormattedValues, display.ValueId));
                break;
            case CommandFailed failed:
                Failure = failed.Message;
                _outputs.Add(new JsonObject
                {
                    ["output_type"] = "error",
                    ["ename"] = "Error",
                    ["evalue"] = failed.Message,
                    ["traceback"] = new JsonArray(failed.Message.Split('\n').Select(l => (JsonNode)JsonValue.Create(l)!).ToArray()),
                });
                break;
        }
    }

    private void AddStream(string name, IEnumerable<FormattedValue> values)
    {
        var text = string.Concat(values.Where(v => v.MimeType == "text/plain").Select(v => v.Value));
        if (text.Length == 0) return;
        _outputs.Add(new JsonObject { ["output_type"] = "stream", ["name"] = name, ["text"] = text });
    }

    private static JsonObject Display(IEnumerable<FormattedValue> values, string? displayId)
    {
        var output = new JsonObject { ["output_type"] = "display_data", ["data"] = Data(values), ["metadata"] = new JsonObject() };
        if (displayId is not null) output["transient"] = new JsonObject { ["display_id"] = displayId };
        return output;
    }

    /// <summary>The mime bundle; JSON mime types (application/json, *+json) are stored as JSON, not as a string.</summary>
    private static JsonObject Data(IEnumerable<FormattedValue> values)
    {
        var data = new JsonObject();
        foreach (var v in values.Where(v => !v.SuppressDisplay))
        {
            bool json = v.MimeType == "application/json" || v.MimeType.EndsWith("+json", StringComparison.Ordinal);
            JsonNode? node = null;
            if (json)
            {
                try { node = JsonNode.Parse(v.Value); }
                catch (System.Text.Json.JsonException) { node = null; }
            }
            data[v.MimeType] = node ?? JsonValue.Create(v.Value);
        }
        return data;
    }
}
