using System.Globalization;

namespace NotebookDL.Extension.Session;

/// <summary>
/// Limits a teacher (or a test) can set for every command of a kernel through the environment, before the
/// kernel starts: <c>NOTEBOOKDL_MAX_SECONDS</c> caps every command's time budget (<c>--max-seconds</c>), so
/// no cell of a class can hold a shared machine for long.
/// </summary>
public static class ClassroomLimits
{
    public const string MaxSecondsVariable = "NOTEBOOKDL_MAX_SECONDS";

    /// <summary>The cap in seconds, or null when none is set (or the value is not a positive number).</summary>
    public static double? MaxSeconds =>
        double.TryParse(Environment.GetEnvironmentVariable(MaxSecondsVariable), NumberStyles.Float, CultureInfo.InvariantCulture, out var s)
        && double.IsFinite(s) && s > 0 ? s : null;

    /// <summary>The budget a command gets: what it asked for, within the cap.</summary>
    public static double Budget(double requestedSeconds) => MaxSeconds is double cap ? Math.Min(cap, requestedSeconds) : requestedSeconds;
}
