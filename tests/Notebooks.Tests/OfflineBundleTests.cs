using NotebookDL.Replay;
using Xunit.Abstractions;

namespace NotebookDL.Tests.Notebooks;

/// <summary>Writes the offline bundle once (it packs NotebookDL and NotebookDL.Engine: about 20 s) for the tests below.</summary>
public sealed class OfflineBundleFixture : IDisposable
{
    public OfflineBundleFixture()
    {
        Folder = Directory.CreateTempSubdirectory("notebookdl-bundle-").FullName;
        Version = $"0.0.0-bundle.{DateTime.UtcNow:yyyyMMddHHmmss}";
        var log = new List<string>();
        ExitCode = OfflineBundle.Write(Repository.Root, Folder, Version, log.Add);
        Log = log;
    }

    public string Folder { get; }
    public string Version { get; }
    public int ExitCode { get; }
    public IReadOnlyList<string> Log { get; }
    public string Feed => Path.Combine(Folder, "feed");

    public void Dispose()
    {
        try { Directory.Delete(Folder, recursive: true); }
        catch (IOException) { }
    }
}

/// <summary>
/// The classroom bundle: one folder a teacher copies, holding a NuGet folder feed from which NotebookDL and
/// everything it depends on restore with no internet, the notebooks, and the LICENSE and NOTICE.
/// </summary>
[Collection("jupyter")] // both pack src/Engine and src/Extension: never at the same time
public class OfflineBundleTests(OfflineBundleFixture bundle, ITestOutputHelper output) : IClassFixture<OfflineBundleFixture>
{
    private const string ToolPackage = "microsoft.dotnet-interactive.1.0.712001.nupkg";

    private string[] FeedFiles() => Directory.GetFiles(bundle.Feed, "*.nupkg").Select(Path.GetFileName).ToArray()!;

    [Fact]
    public void The_feed_holds_NotebookDL_its_engine_and_MathNet_Numerics_and_every_package_they_depend_on()
    {
        output.WriteLine(string.Join("\n", bundle.Log));
        Assert.Equal(0, bundle.ExitCode);
        var files = FeedFiles();
        Assert.Contains($"NotebookDL.{bundle.Version}.nupkg", files);
        Assert.Contains($"NotebookDL.Engine.{bundle.Version}.nupkg", files);
        Assert.Contains("mathnet.numerics.5.0.0.nupkg", files);

        // Closed under dependencies: whatever a package of the feed needs on .NET 10 (its dependency group NuGet takes
        // for net10.0, less what the framework itself provides) is in the feed.
        var ids = files.Where(f => f != ToolPackage).ToDictionary(f => f, f => PackageClosure.Nuspec(Path.Combine(bundle.Feed, f)), StringComparer.Ordinal);
        foreach (var (file, package) in ids)
        {
            foreach (var (dependency, version) in package.Dependencies)
            {
                var match = ids.Where(kv => string.Equals(kv.Value.Id, dependency, StringComparison.OrdinalIgnoreCase)).Select(kv => kv.Value).ToList();
                Assert.True(match.Count > 0, $"{file} depends on {dependency} {version}, which is not in the feed");
                // A NuGet dependency's version ("1.2.3" or "[1.2.3, )") is its minimum; "+..." is build metadata.
                static string Plain(string v) => v.Trim().TrimStart('[', '(').Split(',')[0].Trim().TrimEnd(']', ')').Split('+')[0];
                Assert.Contains(match, m => Plain(m.Version) == Plain(version) ||
                                            (System.Version.TryParse(Plain(m.Version), out var held) && System.Version.TryParse(Plain(version), out var needed) && held >= needed));
            }
        }
        Assert.Equal(bundle.Version, ids[$"NotebookDL.{bundle.Version}.nupkg"].Version);
    }

    [Fact]
    public void The_notebooks_LICENSE_NOTICE_and_a_README_saying_how_to_load_from_the_feed_are_beside_it()
    {
        Assert.Equal(0, bundle.ExitCode);
        foreach (var notebook in Repository.NotebookFiles)
        {
            var name = Path.GetFileName(notebook);
            Assert.Equal(File.ReadAllText(notebook), File.ReadAllText(Path.Combine(bundle.Folder, "notebooks", name)));
            Assert.True(File.Exists(Path.Combine(bundle.Folder, "notebooks", Path.ChangeExtension(name, ".dib"))), $"{name}'s .dib is not in the bundle");
        }
        foreach (var notice in new[] { "LICENSE", "NOTICE" })
            Assert.Equal(File.ReadAllText(Path.Combine(Repository.Root, notice)), File.ReadAllText(Path.Combine(bundle.Folder, notice)));
        Assert.Contains("plotly.js", File.ReadAllText(Path.Combine(bundle.Folder, "NOTICE")));
        var readme = File.ReadAllText(Path.Combine(bundle.Folder, "README.md"));
        Assert.Contains("#i \"nuget:/absolute/path/to/this/bundle/feed\"", readme);
        Assert.Contains($"#r \"nuget:NotebookDL, {bundle.Version}\"", readme);
    }

    [SkippableFact]
    public void The_feed_carries_the_dotnet_interactive_tool_when_this_machine_has_it()
    {
        Assert.Equal(0, bundle.ExitCode);
        var store = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".dotnet", "tools", ".store",
            "microsoft.dotnet-interactive", "1.0.712001");
        if (!Directory.Exists(store))
        {
            var reason = $"the dotnet-interactive tool 1.0.712001 is not installed here ({store} is missing), so the bundle cannot carry it " +
                         "(its README then says to install the tool from the internet)";
            if (Repository.InCi) throw new InvalidOperationException(reason + "; CI=true: .ci/run should have installed it");
            Skip.If(true, reason);
        }
        Assert.Contains(ToolPackage, FeedFiles());
        Assert.Contains("--add-source ./feed", File.ReadAllText(Path.Combine(bundle.Folder, "README.md")));
    }
}
