using System.Reflection;
using System.Text.RegularExpressions;
using Plotly.NET;

namespace NotebookDL.Charts.Building;

/// <summary>
/// The plotly.min.js that Plotly.NET embeds as a manifest resource (<c>Plotly.NET.plotly-2.28.0.min.js</c> in
/// Plotly.NET 6.0.0), so charts draw with no internet. Found by name pattern, not a hard-coded version.
/// </summary>
internal static partial class PlotlyJsResource
{
    private static readonly Lazy<(string Name, string Version)> Resource = new(Find);
    private static readonly Lazy<string> Text = new(Read);

    public static string Version => Resource.Value.Version;

    public static string Script => Text.Value;

    private static Assembly PlotlyAssembly => typeof(GenericChart).Assembly;

    [GeneratedRegex(@"^Plotly\.NET\.plotly-(\d+\.\d+\.\d+)\.min\.js$")]
    private static partial Regex ResourceName();

    private static (string, string) Find()
    {
        foreach (var name in PlotlyAssembly.GetManifestResourceNames())
            if (ResourceName().Match(name) is { Success: true } match)
                return (name, match.Groups[1].Value);
        throw new InvalidOperationException(
            $"{PlotlyAssembly.GetName()} carries no plotly-<version>.min.js resource; its resources are: "
            + string.Join(", ", PlotlyAssembly.GetManifestResourceNames()));
    }

    private static string Read()
    {
        using var stream = PlotlyAssembly.GetManifestResourceStream(Resource.Value.Name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
