namespace NotebookDL.Replay.Grading;

/// <summary>
/// What one process grading a submission is asked to do, sent on its standard input as one JSON line: the
/// notebook, the key's exercises still to grade, the seed, where to write the executed notebook, and what earlier
/// attempts learnt — cells to run as declarations only (they timed out once) or not at all (they stopped the
/// kernel). <see cref="Token"/> marks the process's event lines, so a student's code cannot forge them.
/// </summary>
public sealed record GradingAttempt(
    string Token, string File, string Student, int Seed, string Out, IReadOnlyList<KeyExercise> Exercises,
    IReadOnlyList<int> DeclarationsOnly, IReadOnlyList<int> Skip, double CellTimeoutSeconds);
