using System.Reflection;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.CSharp;
using NotebookDL.Extension.Commands;

namespace NotebookDL.Extension.Session;

/// <summary>
/// Finds a learner's implementation by the name a command gives: a C# variable of the notebook (a function,
/// a layer), or a class declared in a notebook cell (<c>#!use MyBatchNorm</c>).
/// </summary>
public static class ImplementationLookup
{
    /// <summary>The variable or class named <paramref name="name"/>, or a clear error saying how to define it.</summary>
    public static object Find(CommandContext c, string name, string option)
    {
        if (!Options.Option.IsIdentifier(name))
            throw new CommandException($"{option} must name a C# variable or class of the notebook, got '{name}'");
        var csharp = c.Invocation.HandlingKernel?.RootKernel.FindKernelByName("csharp") as CSharpKernel
                     ?? throw new CommandException("no C# kernel to find your code in");
        // TryGetValue<T> throws for a variable of another type: look it up as an object.
        if (csharp.TryGetValue<object>(name, out var value) && value is not null) return value;
        return NotebookClass(name)
               ?? throw new CommandException($"there is no C# variable or class named '{name}' in this notebook: run the cell that defines it first " +
                                             $"(a function becomes a variable with e.g. var {name} = {char.ToUpperInvariant(name[0])}{name[1..]};)");
    }

    /// <summary>
    /// The class called <paramref name="name"/> declared in a notebook cell: the C# kernel compiles each cell
    /// into an in-memory assembly, with the cell's classes nested in its Submission#N class; the latest cell wins.
    /// </summary>
    public static Type? NotebookClass(string name)
    {
        Type? best = null;
        int bestSubmission = -1;
        foreach (var assembly in AppDomain.CurrentDomain.GetAssemblies())
        {
            if (!assembly.IsDynamic && !string.IsNullOrEmpty(assembly.Location)) continue;
            foreach (var type in TypesOf(assembly))
            {
                if (type.Name != name || type.DeclaringType?.Name is not { } declaring || !declaring.StartsWith("Submission#", StringComparison.Ordinal)) continue;
                int submission = int.TryParse(declaring["Submission#".Length..], out var n) ? n : 0;
                if (submission >= bestSubmission) (best, bestSubmission) = (type, submission);
            }
        }
        return best;
    }

    private static IEnumerable<Type> TypesOf(Assembly assembly)
    {
        try
        {
            return assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException e)
        {
            return e.Types.OfType<Type>();
        }
        catch (Exception e) when (e is NotSupportedException or FileNotFoundException or TypeLoadException)
        {
            return [];
        }
    }
}
