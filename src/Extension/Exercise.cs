using NotebookDL.Exercises;
using NotebookDL.Extension.Session;

namespace NotebookDL;

/// <summary>
/// The course's exercises from a C# cell: write a function (or a layer class), then
/// <c>Exercise.Check("softmax", MySoftmax)</c> runs it against the engine on random inputs of several shapes
/// and returns a table of cases, each passed or failed with its relative error and a hint — a failed check is
/// a result, never an exception, so the notebook runs on. <c>Exercise.Use("batchnorm", typeof(MyBatchNorm))</c>
/// plugs a passing implementation into the engine, so <c>#!train</c> trains with the learner's code.
/// With <c>using static NotebookDL.Exercise;</c> a cell can write <c>Check("softmax", MySoftmax)</c>. A check gives
/// the learner's code 10 seconds (<c>timeoutSeconds</c>), and warns when it only calls the engine's own code.
/// </summary>
public static class Exercise
{
    /// <summary>How many seconds a learner's code may run in a check by default (<c>#!check --timeout</c>, <c>timeoutSeconds</c>).</summary>
    public const double DefaultTimeoutSeconds = 10;

    /// <summary>
    /// Checks a function (a method, a local function or a lambda) against the exercise's cases. Code that has
    /// not returned after <paramref name="timeoutSeconds"/> (an endless loop) ends the check with a timed-out
    /// case; the notebook and its variables carry on.
    /// </summary>
    /// <exception cref="ArgumentException">There is no exercise of that name (the message lists them).</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeoutSeconds"/> is not a positive number of seconds.</exception>
    public static ExerciseResult Check(string exercise, Delegate implementation, int seed = 0, double timeoutSeconds = DefaultTimeoutSeconds) =>
        CheckAny(exercise, implementation, seed, timeoutSeconds);

    /// <summary>Checks anything the exercise takes: a function, or for layers the class (<c>typeof(MyBatchNorm)</c>) or an instance.</summary>
    /// <exception cref="ArgumentException">There is no exercise of that name (the message lists them).</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeoutSeconds"/> is not a positive number of seconds.</exception>
    public static ExerciseResult Check(string exercise, object implementation, int seed = 0, double timeoutSeconds = DefaultTimeoutSeconds) =>
        CheckAny(exercise, implementation, seed, timeoutSeconds);

    /// <summary>Checks the implementation and, when every case passes, plugs it into the engine in place of its own code.</summary>
    /// <exception cref="ArgumentException">No exercise of that name.</exception>
    /// <exception cref="InvalidOperationException">The exercise cannot be plugged in (the message lists those that can).</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeoutSeconds"/> is not a positive number of seconds.</exception>
    public static UseResult Use(string exercise, Delegate implementation, int seed = 0, double timeoutSeconds = DefaultTimeoutSeconds) =>
        UseAny(exercise, implementation, seed, timeoutSeconds);

    /// <summary>The same for a layer class or instance (<c>Exercise.Use("batchnorm", typeof(MyBatchNorm))</c>).</summary>
    public static UseResult Use(string exercise, object implementation, int seed = 0, double timeoutSeconds = DefaultTimeoutSeconds) =>
        UseAny(exercise, implementation, seed, timeoutSeconds);

    /// <summary>Goes back to the engine's own code everywhere; returns what was unplugged.</summary>
    public static IReadOnlyList<Replacement> StopUsing() => NotebookSession.Current.Learner.StopUsing();

    /// <summary>Every exercise with what to write, its last check in this notebook and what is plugged in.</summary>
    public static ExerciseBoard List() => NotebookSession.Current.Board;

    private static ExerciseResult CheckAny(string exercise, object? implementation, int seed, double timeoutSeconds)
    {
        var result = ExerciseCatalog.Find(exercise).Check(implementation, seed, timeout: Limit(timeoutSeconds));
        NotebookSession.Current.Learner.Record(result);
        return result;
    }

    private static UseResult UseAny(string exercise, object? implementation, int seed, double timeoutSeconds)
    {
        var replacement = ExerciseCatalog.Find(exercise).Plug(implementation, out var check, seed, timeout: Limit(timeoutSeconds));
        var learner = NotebookSession.Current.Learner;
        learner.Record(check);
        if (replacement is not null) learner.Use(replacement);
        return new UseResult(check, replacement);
    }

    private static TimeSpan Limit(double seconds) =>
        double.IsFinite(seconds) && seconds > 0 && seconds < TimeSpan.MaxValue.TotalSeconds
            ? TimeSpan.FromSeconds(seconds)
            : throw new ArgumentOutOfRangeException(nameof(seconds), seconds, "timeoutSeconds must be a positive number of seconds, e.g. 10");
}
