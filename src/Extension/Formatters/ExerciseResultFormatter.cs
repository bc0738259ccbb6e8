using NotebookDL.Exercises;
using NotebookDL.Extension.Session;

namespace NotebookDL.Extension.Formatters;

/// <summary>
/// An exercise check as a pass/fail table: one row per case with its relative error, pass mark and hint,
/// headed by the verdict and its warnings (code that calls the engine's own) and followed by the signature to
/// implement. <see cref="UseResult"/> adds whether the
/// implementation is now plugged into the engine.
/// </summary>
public static class ExerciseResultFormatter
{
    private const string Green = "#2e7d32", Red = "#d93025", Amber = "#b26a00";

    public static string Html(ExerciseResult r) => Reports.Html.Block(
        Reports.Html.Heading(Heading(r)),
        string.Concat(r.Warnings.Select(w => Reports.Html.Note("⚠ " + w, "warn"))),
        Reports.Html.Table(["", "case", "error", "pass mark", "hint"], r.Cases.Select(c => new[]
        {
            Badge(c.Outcome),
            $"<span style=\"text-align:left;display:block\">{Reports.Html.Encode(c.Name)}</span>",
            ExerciseResult.FormatError(c.Error),
            c.Threshold is double t ? "&lt; " + ExerciseResult.FormatError(t) : "",
            c.Passed ? "" : $"<span style=\"text-align:left;display:block;max-width:640px;white-space:normal\">{Reports.Html.Encode(c.Hint)}</span>",
        })),
        r.Passed ? Reports.Html.Note(r.Summary)
        : r.TimedOut ? Reports.Html.Note($"{r.Summary}. Fix the loop and run the cell again; the notebook's variables are all still there.", "bad")
        : r.NotImplemented ? Reports.Html.Note($"{r.Exercise.Name}: not implemented yet ({r.PassedCount} of {r.Cases.Count} cases pass) — write your code in place of the throw and run the cell again", "warn")
        : Reports.Html.Note($"{r.Exercise.Name}: {r.PassedCount} of {r.Cases.Count} cases pass. First hint: {r.FirstHint}", "bad"),
        Reports.Html.Detail($"implement: {r.Exercise.Signature}"),
        Reports.Html.Detail($"{r.Exercise.Task} · checked {r.Implementation} · seed {r.Seed} · {r.Elapsed.TotalMilliseconds:F0} ms"));

    public static string Text(ExerciseResult r) => r.ToString();

    public static string Html(UseResult u) => Reports.Html.Block(
        Html(u.Check),
        u.Replacement is { } replacement
            ? Reports.Html.Note($"In use: {replacement}. Commands that train (#!train, #!batchnorm) now run on it; #!use --off goes back to the engine's.")
            : Reports.Html.Note($"Not plugged in: the engine's own code stays in use until {u.Check.Implementation} passes every case.", "warn"));

    public static string Text(UseResult u) => u.ToString();

    private static string Heading(ExerciseResult r) =>
        (r.Passed ? "✓ " : "✗ ") + $"{r.Exercise.Name} — {r.Exercise.Title}: " +
        (r.Passed ? $"all {r.Cases.Count} cases pass" : r.TimedOut ? "timed out" : r.NotImplemented ? "not implemented yet" : $"{r.PassedCount} of {r.Cases.Count} cases pass");

    private static string Badge(CaseOutcome outcome)
    {
        var (text, color) = outcome switch
        {
            CaseOutcome.Passed => ("PASS", Green),
            CaseOutcome.NotImplemented => ("TODO", Amber),
            CaseOutcome.TimedOut => ("TIMEOUT", Red),
            _ => ("FAIL", Red),
        };
        return $"<b style=\"color:{color}\">{text}</b>";
    }
}
