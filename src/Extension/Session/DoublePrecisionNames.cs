using System.Xml.Linq;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;

namespace NotebookDL.Extension.Session;

/// <summary>
/// The engine's double-precision names in a notebook: its layers, rules and network are generic over the element
/// type (Dense&lt;T&gt;, float or double), and a notebook writes <c>Dense</c>, <c>Parameter</c>, <c>class Softsign :
/// Activation</c> as a C# project of ours does, through the aliases the engine's build file lists
/// (src/Engine/build/NotebookDL.Engine.props, embedded here: the one list).
/// </summary>
public static class DoublePrecisionNames
{
    /// <summary>(alias, type) pairs, e.g. ("Parameter", "NotebookDL.Layers.Parameter&lt;double&gt;").</summary>
    public static IReadOnlyList<(string Alias, string Type)> All { get; } = Read();

    /// <summary>One C# using alias per name.</summary>
    public static string UsingDirectives { get; } = string.Join("\n", All.Select(a => $"using {a.Alias} = {a.Type};"));

    /// <summary>
    /// Declares the aliases in the C# kernel: a using alias submitted once holds in every later cell. The
    /// submission is deferred, so it runs just before the next cell (the load cell itself is still running).
    /// </summary>
    internal static void Declare(Kernel kernel)
    {
        if (kernel.FindKernelByName("csharp") is { } csharp) csharp.DeferCommand(new SubmitCode(UsingDirectives));
    }

    private static List<(string, string)> Read()
    {
        using var stream = typeof(DoublePrecisionNames).Assembly.GetManifestResourceStream("NotebookDL.Engine.props")
                           ?? throw new InvalidOperationException("NotebookDL.Engine.props is not embedded in the extension");
        return XDocument.Load(stream).Descendants("Using")
            .Select(u => ((string?)u.Attribute("Alias") ?? "", (string?)u.Attribute("Include") ?? ""))
            .Where(a => a.Item1 != "" && a.Item2 != "")
            .ToList();
    }
}
