namespace NotebookDL.Exercises;

/// <summary>How one case of an exercise check ended.</summary>
public enum CaseOutcome
{
    /// <summary>The learner's result matched the engine's within the threshold.</summary>
    Passed,

    /// <summary>The learner's code ran but its result was wrong (see the hint).</summary>
    Failed,

    /// <summary>The learner's code is still the stub: it threw <see cref="NotImplementedException"/>.</summary>
    NotImplemented,

    /// <summary>The learner's code threw another exception (its message is the hint).</summary>
    Threw,

    /// <summary>The learner's code did not return within the check's time limit (an endless loop?); later cases did not run.</summary>
    TimedOut,
}

/// <summary>
/// One row of an exercise check: what was tried (e.g. "forward, random x (8, 5)"), how it ended, the error
/// measured against the engine's reference (the cs231n relative error max |a - e| / max(1e-8, |a| + |e|) for
/// values, the relative deviation for statistics) with its pass mark, and a hint when it failed.
/// </summary>
/// <param name="Name">What the case tries, with its shapes.</param>
/// <param name="Outcome">Passed, failed, not implemented, threw or timed out.</param>
/// <param name="Error">The measured error, or null when none could be measured (the code threw, a shape was wrong).</param>
/// <param name="Threshold">The pass mark on <paramref name="Error"/>, or null for yes/no cases.</param>
/// <param name="Hint">Why it failed and what to look at; null when it passed.</param>
public sealed record CheckCase(string Name, CaseOutcome Outcome, double? Error, double? Threshold, string? Hint)
{
    /// <summary>True when the case passed.</summary>
    public bool Passed => Outcome == CaseOutcome.Passed;
}
