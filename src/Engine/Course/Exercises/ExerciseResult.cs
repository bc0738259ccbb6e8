using System.Globalization;
using System.Text;

namespace NotebookDL.Exercises;

/// <summary>
/// The outcome of checking a learner's implementation of one exercise: a table of cases, each passed or
/// failed with its error and a hint. A failed check is a result to show, never an exception, so a notebook
/// whose exercises are not solved yet still runs top to bottom.
/// </summary>
public sealed class ExerciseResult
{
    public ExerciseResult(ExerciseDefinition exercise, string implementation, int seed, IReadOnlyList<CheckCase> cases, TimeSpan elapsed,
        IReadOnlyList<string>? warnings = null)
    {
        ArgumentNullException.ThrowIfNull(exercise);
        ArgumentNullException.ThrowIfNull(cases);
        Exercise = exercise;
        Implementation = implementation;
        Seed = seed;
        Cases = cases;
        Elapsed = elapsed;
        Warnings = warnings ?? [];
    }

    /// <summary>The exercise checked.</summary>
    public ExerciseDefinition Exercise { get; }

    /// <summary>What was checked, e.g. "MySoftmax" or "a lambda".</summary>
    public string Implementation { get; }

    /// <summary>Seed of the random inputs.</summary>
    public int Seed { get; }

    public IReadOnlyList<CheckCase> Cases { get; }

    public TimeSpan Elapsed { get; }

    /// <summary>
    /// What the learner should know although the cases stand, e.g. that the implementation calls the
    /// engine's own code (a grader would give it no points). Empty for most checks.
    /// </summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>True when the learner's code did not return within the check's time limit: the cases after it did not run.</summary>
    public bool TimedOut => Cases.Any(c => c.Outcome == CaseOutcome.TimedOut);

    /// <summary>How many cases passed.</summary>
    public int PassedCount => Cases.Count(c => c.Passed);

    /// <summary>True when every case passed.</summary>
    public bool Passed => Cases.Count > 0 && Cases.All(c => c.Passed);

    /// <summary>
    /// True when the learner's code is still (partly) the stub: some case met "not implemented yet" and every
    /// other case passed (a given class skeleton can pass its structure case before its methods are written).
    /// </summary>
    public bool NotImplemented =>
        Cases.Any(c => c.Outcome == CaseOutcome.NotImplemented) && Cases.All(c => c.Passed || c.Outcome == CaseOutcome.NotImplemented);

    /// <summary>The hint of the first case that did not pass, or null.</summary>
    public string? FirstHint => Cases.FirstOrDefault(c => !c.Passed)?.Hint;

    /// <summary>One line: "softmax: all 6 cases pass" or "softmax: 2 of 6 cases pass — first hint: …".</summary>
    public string Summary =>
        Passed ? $"{Exercise.Name}: all {Cases.Count} cases pass"
        : TimedOut ? $"{Exercise.Name}: timed out after {PassedCount} passing case{(PassedCount == 1 ? "" : "s")} — {Cases.First(c => c.Outcome == CaseOutcome.TimedOut).Hint}"
        : NotImplemented ? $"{Exercise.Name}: not implemented yet ({PassedCount} of {Cases.Count} cases pass)"
        : $"{Exercise.Name}: {PassedCount} of {Cases.Count} cases pass — first hint: {FirstHint}";

    /// <summary>The table as plain text.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        sb.AppendLine(Summary);
        foreach (var warning in Warnings) sb.AppendLine("  warning: " + warning);
        int width = Math.Max(4, Cases.Max(c => (int?)c.Name.Length) ?? 4);
        foreach (var c in Cases)
        {
            var outcome = c.Outcome switch
            {
                CaseOutcome.Passed => "pass",
                CaseOutcome.NotImplemented => "todo",
                CaseOutcome.TimedOut => "TIME",
                _ => "FAIL",
            };
            sb.Append(CultureInfo.InvariantCulture, $"  {outcome,-4}  {c.Name.PadRight(width)}  {FormatError(c.Error),9}");
            if (!c.Passed && c.Hint is not null) sb.Append("  ").Append(c.Hint);
            sb.AppendLine();
        }
        sb.Append(CultureInfo.InvariantCulture, $"  {Exercise.Signature} · checked {Implementation} · seed {Seed}");
        return sb.ToString();
    }

    /// <summary>An error as the table shows it: 3 significant digits, "-" when none was measured.</summary>
    public static string FormatError(double? error) => error switch
    {
        null => "-",
        double e when double.IsNaN(e) => "NaN",
        double e when double.IsInfinity(e) => "inf",
        double e when e == 0 => "0",
        double e => e.ToString(e < 1e-3 || e >= 1e4 ? "0.0e+00" : "G3", CultureInfo.InvariantCulture),
    };
}
