using System.Reflection;
using System.Runtime.Loader;

namespace NotebookDL.Reports;

/// <summary>
/// Runs the chart assembly (NotebookDL.Charts, built on Plotly.NET) in a load context of its own.
/// Plotly.NET 6 needs FSharp.Core 10.1 while the kernel users run ships FSharp.Core 10.0, so loading
/// Plotly.NET into the kernel's context fails; in a private context with its own FSharp.Core it works and
/// the kernel's F# is untouched. Only strings cross the boundary. Outside the kernel (a console program) the same
/// context works as well, so every host draws charts the same way.
/// </summary>
public static class ChartHost
{
    private const string ChartAssemblyName = "NotebookDL.Charts";
    private static readonly Lazy<Bridge> _bridge = new(CreateBridge, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The folder holding NotebookDL.Charts.dll and its dependencies (see <see cref="FindChartFolder"/>).</summary>
    public static string ChartFolder => _bridge.Value.Folder;

    /// <summary>Builds the plotly figure JSON (<c>{"data": [...], "layout": {...}}</c>) for a spec serialised as JSON.</summary>
    public static string BuildFigure(string specJson) => _bridge.Value.Build(specJson);

    /// <summary>The text of plotly.min.js that Plotly.NET carries.</summary>
    public static string PlotlyJs() => _bridge.Value.PlotlyJs();

    /// <summary>The version of that plotly.js.</summary>
    public static string PlotlyJsVersion() => _bridge.Value.PlotlyJsVersion();

    /// <summary>
    /// The one lookup rule for the chart folder, relative to the directory this assembly was loaded from:
    /// <c>plotly/</c> beside it (build output of every project referencing NotebookDL.Reports: the extension, its
    /// tests, the replay runner, samples/train.cs), else <c>../../interactive-extensions/dotnet/plotly/</c> (the
    /// NuGet package NotebookDL: the kernel loads this assembly from <c>lib/net10.0/</c>, and the package ships the
    /// folder under <c>interactive-extensions/dotnet/</c>).
    /// </summary>
    public static string FindChartFolder(string assemblyDirectory)
    {
        string[] candidates =
        [
            Path.Combine(assemblyDirectory, "plotly"),
            Path.GetFullPath(Path.Combine(assemblyDirectory, "..", "..", "interactive-extensions", "dotnet", "plotly")),
        ];
        foreach (var candidate in candidates)
            if (File.Exists(Path.Combine(candidate, ChartAssemblyName + ".dll"))) return candidate;
        throw new FileNotFoundException(
            $"NotebookDL's chart folder was not found: looked for {ChartAssemblyName}.dll in {string.Join(" and ", candidates)}. " +
            "Reinstall the NotebookDL package (or rebuild the solution) so that the plotly folder is present.");
    }

    private static Bridge CreateBridge()
    {
        var here = Path.GetDirectoryName(typeof(ChartHost).Assembly.Location)
                   ?? throw new InvalidOperationException("cannot tell where the NotebookDL.Reports assembly was loaded from");
        var folder = FindChartFolder(here);
        var context = new ChartLoadContext(folder);
        var assembly = context.LoadFromAssemblyPath(Path.Combine(folder, ChartAssemblyName + ".dll"));
        var figures = assembly.GetType("NotebookDL.Charts.Figures", throwOnError: true)!;
        return new Bridge(
            folder,
            Bind<Func<string, string>>(figures, "Build"),
            Bind<Func<string>>(figures, "PlotlyJs"),
            Bind<Func<string>>(figures, "PlotlyJsVersion"));
    }

    private static T Bind<T>(Type type, string method) where T : Delegate =>
        (T)Delegate.CreateDelegate(typeof(T), type.GetMethod(method, BindingFlags.Public | BindingFlags.Static)
            ?? throw new MissingMethodException(type.FullName, method));

    private sealed record Bridge(string Folder, Func<string, string> Build, Func<string> PlotlyJs, Func<string> PlotlyJsVersion);

    /// <summary>Resolves an assembly from the chart folder when it is there, else leaves it to the default context.</summary>
    private sealed class ChartLoadContext(string folder) : AssemblyLoadContext("NotebookDL.Charts")
    {
        protected override Assembly? Load(AssemblyName name)
        {
            var path = Path.Combine(folder, name.Name + ".dll");
            return File.Exists(path) ? LoadFromAssemblyPath(path) : null;
        }
    }
}
