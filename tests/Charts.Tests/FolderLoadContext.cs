using System.Reflection;
using System.Runtime.Loader;

namespace NotebookDL.Tests.Charts;

/// <summary>
/// Resolves an assembly only from one folder and returns null for everything else, so the BCL comes from the
/// default context while Plotly.NET, FSharp.Core 10.1 and the rest come from the folder: the way the extension
/// loads the chart assembly beside a kernel whose own FSharp.Core is 10.0. Only strings cross the boundary.
/// </summary>
internal sealed class FolderLoadContext(string folder) : AssemblyLoadContext($"charts: {folder}", isCollectible: true)
{
    public string Folder { get; } = folder;

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        var path = Path.Combine(Folder, assemblyName.Name + ".dll");
        return File.Exists(path) ? LoadFromAssemblyPath(path) : null;
    }

    /// <summary>The chart project's build output folder, as MSBuild resolved it when this test project was built.</summary>
    public static string ChartsBuildOutput()
    {
        var folder = typeof(FolderLoadContext).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "ChartsBuildOutput").Value;
        if (string.IsNullOrEmpty(folder) || !File.Exists(Path.Combine(folder, "NotebookDL.Charts.dll")))
            throw new InvalidOperationException($"No NotebookDL.Charts.dll in the chart project's build output '{folder}'.");
        return folder;
    }
}
