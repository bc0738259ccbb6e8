namespace NotebookDL.Replay.Grading;

/// <summary>How one exercise of one student ended, as the gradebook's status column says it.</summary>
public enum GradeStatus
{
    /// <summary>Every case of the teacher's check passed.</summary>
    Pass,

    /// <summary>The code ran but a case failed (or it is still the stub, or it calls the engine's own code).</summary>
    Fail,

    /// <summary>The code did not compile or threw.</summary>
    Error,

    /// <summary>The code did not return within the time limit (its cell or its check).</summary>
    Timeout,

    /// <summary>Not defined, or the file could not be read.</summary>
    Missing,
}

/// <summary>One row of the gradebook: a student's result on one exercise of the key, with why and the hint that fired.</summary>
/// <param name="Student">The student's id (the submission's file name without extension).</param>
/// <param name="Exercise">The exercise's name.</param>
/// <param name="Points">Points earned: <paramref name="Max"/> for a pass, else 0.</param>
/// <param name="Max">What the exercise is worth.</param>
/// <param name="Status">How it ended.</param>
/// <param name="Reason">Why, in a sentence (empty for a pass).</param>
/// <param name="Hint">The first hint of the check that fired, or null.</param>
public sealed record ExerciseGrade(string Student, string Exercise, int Points, int Max, GradeStatus Status, string Reason, string? Hint = null)
{
    /// <summary>The status as the CSV writes it: pass, fail, error, timeout or missing.</summary>
    public string StatusText => Status.ToString().ToLowerInvariant();

    /// <summary>A row for <paramref name="key"/> with <paramref name="status"/>: full points for a pass, none otherwise.</summary>
    public static ExerciseGrade Of(string student, KeyExercise key, GradeStatus status, string reason, string? hint = null) =>
        new(student, key.Name, status == GradeStatus.Pass ? key.Points : 0, key.Points, status, reason, hint);
}
