using System.Text.Json;

namespace NotebookDL.Replay.Grading;

/// <summary>The JSON settings of the grader's messages between its processes.</summary>
internal static class GradingJson
{
    public static readonly JsonSerializerOptions Options = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };
}
