using NotebookDL.Exercises;

namespace NotebookDL.Extension.Session;

/// <summary>
/// What plugging a learner's implementation in did: its check, and the replacement now in use (null when the
/// check failed, so the engine's own code stays in use).
/// </summary>
public sealed record UseResult(ExerciseResult Check, Replacement? Replacement)
{
    /// <summary>True when the implementation passed and is now in use.</summary>
    public bool Plugged => Replacement is not null;

    public override string ToString() =>
        Check + "\n" + (Replacement is { } r
            ? $"in use: {r} (#!use --off to go back to the engine's)"
            : $"not plugged in: the engine's own code stays in use until {Check.Implementation} passes every case");
}
