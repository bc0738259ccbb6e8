using System.Text.Json;
using System.Text.Json.Serialization;

namespace NotebookDL.Replay.Grading;

/// <summary>
/// What the process grading one submission tells the grader on its standard output, one line each: a cell or an
/// exercise is about to run (so the grader can time it and kill the process when it overruns), an exercise's
/// grade, and the end. Lines without the prefix are the kernel's own chatter and are ignored.
/// </summary>
/// <param name="Type">cell, exercise, grade or done.</param>
/// <param name="Cell">The cell's index in the notebook (cell).</param>
/// <param name="Exercise">The exercise's name (exercise, grade).</param>
/// <param name="Status">The grade's status (grade).</param>
/// <param name="Reason">Why (grade).</param>
/// <param name="Hint">The check's first hint (grade).</param>
public sealed record GradingEvent(string Type, int? Cell = null, string? Exercise = null, GradeStatus? Status = null, string? Reason = null, string? Hint = null)
{
    /// <summary>The prefix of a protocol line; the attempt's token follows it, then a space and the JSON.</summary>
    public const string Prefix = "@notebookdl-grade:";

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    /// <summary>The line that carries this event, marked with <paramref name="token"/>.</summary>
    public string ToLine(string token) => $"{Prefix}{token} {JsonSerializer.Serialize(this, Json)}";

    /// <summary>The event on <paramref name="line"/> marked with <paramref name="token"/>, or null for any other line.</summary>
    public static GradingEvent? Parse(string? line, string token)
    {
        var prefix = $"{Prefix}{token} ";
        if (line is null || !line.StartsWith(prefix, StringComparison.Ordinal)) return null;
        try
        {
            return JsonSerializer.Deserialize<GradingEvent>(line[prefix.Length..], Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static GradingEvent CellStarts(int cell) => new("cell", Cell: cell);

    public static GradingEvent ExerciseStarts(string exercise) => new("exercise", Exercise: exercise);

    public static GradingEvent Graded(ExerciseGrade g) => new("grade", Exercise: g.Exercise, Status: g.Status, Reason: g.Reason, Hint: g.Hint);

    public static GradingEvent Done { get; } = new("done");
}
