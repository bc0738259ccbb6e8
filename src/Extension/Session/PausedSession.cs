using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.CSharp;
using NotebookDL.Extension.Commands;
using NotebookDL.Training;

namespace NotebookDL.Extension.Session;

/// <summary>
/// Finds the training session the stepping commands (<c>#!step</c>, <c>#!continue</c>, <c>#!reset</c>) work on: the one
/// <c>#!train --paused</c> made last (<see cref="NotebookSession.Paused"/>), or the one named with <c>--session</c>.
/// It survives failed commands: a command checks everything it was given before it moves the session.
/// </summary>
public static class PausedSession
{
    /// <summary>
    /// The session named by <paramref name="variable"/> (a C# variable holding a <see cref="TrainingSession"/>, which
    /// then becomes current), else the current one; a clear error saying how to start one when there is none.
    /// </summary>
    public static PausedTraining Find(CommandContext c, string? variable)
    {
        var notebook = c.Session;
        if (variable is null)
            return notebook.Paused ?? throw new CommandException("there is no paused training session: start one with #!train --paused (e.g. #!train --hidden 100 --batchnorm --paused)");
        if (!Options.Option.IsIdentifier(variable))
            throw new CommandException($"--session must be a C# variable name, got '{variable}'");
        var csharp = c.Invocation.HandlingKernel?.RootKernel.FindKernelByName("csharp") as CSharpKernel
                     ?? throw new CommandException("no C# kernel to read the session from");
        if (!csharp.TryGetValue<object>(variable, out var value) || value is null)
            throw new CommandException($"there is no C# variable named '{variable}' (start a session with #!train --paused --as {variable})");
        if (value is not TrainingSession session)
            throw new CommandException($"the C# variable '{variable}' holds a {value.GetType().Name}, not a TrainingSession (start one with #!train --paused --as {variable})");
        var description = notebook.Paused is { } current && ReferenceEquals(current.Session, session) ? current.Description : "a session made in C#";
        var found = new PausedTraining(session, variable, description);
        notebook.Paused = found;
        return found;
    }
}
