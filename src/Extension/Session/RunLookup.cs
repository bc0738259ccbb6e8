using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.CSharp;
using NotebookDL.Extension.Commands;

namespace NotebookDL.Extension.Session;

/// <summary>Finds the results of earlier commands in the notebook's C# variables, by name.</summary>
public static class RunLookup
{
    /// <summary>The <see cref="TrainingRun"/>s named <paramref name="names"/>, or a clear error for a missing one.</summary>
    public static IReadOnlyList<(string Name, TrainingRun Run)> Runs(CommandContext c, IEnumerable<string> names)
    {
        var csharp = c.Invocation.HandlingKernel?.RootKernel.FindKernelByName("csharp") as CSharpKernel
                     ?? throw new CommandException("no C# kernel to read the runs from");
        return names.Select(n =>
        {
            // TryGetValue<TrainingRun> throws for a variable of another type: look it up as an object first.
            if (!csharp.TryGetValue<object>(n, out var value) || value is null)
                throw new CommandException($"there is no #!train result in a C# variable named '{n}' (run #!train --as {n} first)");
            return value is TrainingRun run
                ? (n, run)
                : throw new CommandException($"the C# variable '{n}' holds a {value.GetType().Name}, not a #!train result (run #!train --as {n} first)");
        }).ToList();
    }
}
