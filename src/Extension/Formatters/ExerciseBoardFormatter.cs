using NotebookDL.Extension.Session;

namespace NotebookDL.Extension.Formatters;

/// <summary>The exercise list: each exercise, what to write, its last check in this notebook and what is plugged in.</summary>
public static class ExerciseBoardFormatter
{
    public static string Html(ExerciseBoard b) => Reports.Html.Block(
        Reports.Html.Heading($"Exercises: {b.PassedCount} of {b.Exercises.Count} pass"),
        Reports.Html.Table(["exercise", "topic", "what to write", "last check", "plugged in"], b.Exercises.Select(e => new[]
        {
            Reports.Html.Code(e.Name),
            Reports.Html.Encode(e.Topic),
            $"<span style=\"text-align:left;display:block\">{Reports.Html.Encode(e.Title)}</span>",
            b.Checks.TryGetValue(e.Name, out var r) ? LastCheck(r) : "",
            Reports.Html.Encode(b.InUse.FirstOrDefault(u => u.Exercise == e.Name)?.Implementation ?? (e.Pluggable ? "" : "–")),
        })),
        Reports.Html.Detail("Check one with #!check NAME --impl VARIABLE (or Exercise.Check(\"NAME\", MyFunction)); plug a passing one in with #!use VARIABLE. " +
                               "– marks exercises that cannot be plugged in."));

    public static string Text(ExerciseBoard b) => b.ToString();

    /// <summary>Green "pass"; amber "pass (!)" with the warning on hover when it calls the engine's own code; red otherwise.</summary>
    private static string LastCheck(Exercises.ExerciseResult r)
    {
        var color = r.Passed ? (r.Warnings.Count > 0 ? "#b26a00" : "#2e7d32") : "#d93025";
        var title = r.Warnings.Count > 0 ? $" title=\"{Reports.Html.Encode(string.Join(" ", r.Warnings))}\"" : "";
        return $"<b style=\"color:{color}\"{title}>{Reports.Html.Encode(ExerciseBoard.Status(r))}</b>";
    }
}
