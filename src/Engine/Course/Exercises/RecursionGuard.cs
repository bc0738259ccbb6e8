using System.Runtime.CompilerServices;

namespace NotebookDL.Exercises;

/// <summary>
/// The check the notebook puts first in every method a learner's cell declares (see the extension's StackGuard):
/// a stack overflow ends a .NET process and cannot be caught, so the learner's recursion is stopped while the
/// stack still has room, with an exception the cell (or a check) reports and the kernel survives.
/// </summary>
public static class RecursionGuard
{
    /// <summary>Throws <see cref="RecursionTooDeepException"/> when the stack is nearly used up.</summary>
    public static void Check()
    {
        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack()) throw new RecursionTooDeepException();
    }
}

/// <summary>
/// A learner's recursion stopped before the stack ran out. Its stack trace keeps the first and last frames: an
/// endless recursion unwinds through some hundred thousand frames, whose full trace (megabytes) would flood the notebook.
/// </summary>
public sealed class RecursionTooDeepException() : Exception(
    "your code recursed without end (or too deep): it was stopped before the stack ran out, which would have ended the kernel — check the base case")
{
    private const int FramesKept = 8;

    public override string? StackTrace
    {
        get
        {
            var full = base.StackTrace;
            if (full is null) return null;
            var lines = full.Split('\n');
            if (lines.Length <= 2 * FramesKept + 1) return full;
            return string.Join('\n', lines.Take(FramesKept)) +
                   $"\n   ... {lines.Length - 2 * FramesKept:N0} more frames ...\n" +
                   string.Join('\n', lines.Skip(lines.Length - FramesKept));
        }
    }
}
