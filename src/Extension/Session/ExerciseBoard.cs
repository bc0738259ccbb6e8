using NotebookDL.Exercises;

namespace NotebookDL.Extension.Session;

/// <summary>The exercises of the course with what to write, and where this notebook stands on each: its last check and what is plugged in.</summary>
public sealed record ExerciseBoard(IReadOnlyList<ExerciseDefinition> Exercises, IReadOnlyDictionary<string, ExerciseResult> Checks, IReadOnlyList<Replacement> InUse)
{
    /// <summary>How many exercises pass their last check.</summary>
    public int PassedCount => Exercises.Count(e => Checks.TryGetValue(e.Name, out var r) && r.Passed);

    public override string ToString() =>
        $"{PassedCount} of {Exercises.Count} exercises pass\n" + string.Join("\n", Exercises.Select(e =>
            $"  {e.Name,-20} {(Checks.TryGetValue(e.Name, out var r) ? Status(r) : "-"),-9} {e.Title}"));

    /// <summary>A last check in a word or two: "pass", "pass (!)" when it warned (the engine's own code), "timed out", "3/5".</summary>
    public static string Status(ExerciseResult r) =>
        r.Passed ? (r.Warnings.Count > 0 ? "pass (!)" : "pass") : r.TimedOut ? "timed out" : $"{r.PassedCount}/{r.Cases.Count}";
}
