using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.CSharp;
using NotebookDL.Extension.Commands;
using NotebookDL.Training;

namespace NotebookDL.Extension.Session;

/// <summary>
/// The training session the stepping commands (<c>#!step</c>, <c>#!continue</c>, <c>#!reset</c>) work on: the one
/// <c>#!train --paused</c> made last, or the one named with <c>--session</c>. It lives as long as the kernel (a
/// notebook has one) and survives failed commands: a command checks everything it was given before it moves
/// the session.
/// </summary>
public static class PausedSession
{
    private static readonly object Gate = new();
    private static (TrainingSession Session, string Variable, string Description)? _current;

    /// <summary>The current session, its C# variable and what it trains (the <c>#!train</c> line and data), or null.</summary>
    public static (TrainingSession Session, string Variable, string Description)? Current
    {
        get
        {
            lock (Gate) return _current;
        }
    }

    /// <summary>Makes <paramref name="session"/> the one later commands step.</summary>
    public static void Set(TrainingSession session, string variable, string description)
    {
        lock (Gate) _current = (session, variable, description);
    }

    /// <summary>Forgets the current session (a fresh kernel has none).</summary>
    public static void Clear()
    {
        lock (Gate) _current = null;
    }

    /// <summary>
    /// The session named by <c>--session</c> (a C# variable holding a <see cref="TrainingSession"/>, which then
    /// becomes current), else the current one; a clear error saying how to start one when there is none.
    /// </summary>
    public static (TrainingSession Session, string Variable, string Description) Find(CommandContext c)
    {
        var name = c.Options.Text("--session");
        if (name is null)
            return Current ?? throw new CommandException("there is no paused training session: start one with #!train --paused (e.g. #!train --hidden 100 --batchnorm --paused)");
        if (!OptionReader.IsIdentifier(name))
            throw new CommandException($"--session must be a C# variable name, got '{name}'");
        var csharp = c.Invocation.HandlingKernel?.RootKernel.FindKernelByName("csharp") as CSharpKernel
                     ?? throw new CommandException("no C# kernel to read the session from");
        if (!csharp.TryGetValue<object>(name, out var value) || value is null)
            throw new CommandException($"there is no C# variable named '{name}' (start a session with #!train --paused --as {name})");
        if (value is not TrainingSession session)
            throw new CommandException($"the C# variable '{name}' holds a {value.GetType().Name}, not a TrainingSession (start one with #!train --paused --as {name})");
        var description = Current is { } current && ReferenceEquals(current.Session, session) ? current.Description : "a session made in C#";
        Set(session, name, description);
        return (session, name, description);
    }
}
