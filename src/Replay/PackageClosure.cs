using System.IO.Compression;
using System.Xml.Linq;

namespace NotebookDL.Replay;

/// <summary>
/// The packages a set of packages needs, read from their .nuspec files and found in the NuGet cache: for each
/// package, the dependency group NuGet takes for net10.0 less what the framework provides, each at the version the
/// cache holds that satisfies the minimum (the minimum itself when it is there, as NuGet resolves it). An offline
/// feed holding the closure restores without nuget.org.
/// </summary>
public static class PackageClosure
{
    /// <summary>The cached .nupkg files the packages <paramref name="roots"/> depend on, directly or not (the roots excluded).</summary>
    /// <exception cref="FileNotFoundException">A dependency is not in the cache at any version that satisfies it.</exception>
    public static IReadOnlyList<string> Of(IEnumerable<string> roots, string cache)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var found = new List<string>();
        var pending = new Queue<(string Id, string Version)>();
        foreach (var root in roots)
        {
            var (id, _, dependencies) = Nuspec(root);
            seen.Add(id);
            foreach (var d in dependencies) pending.Enqueue(d);
        }
        while (pending.TryDequeue(out var dependency))
        {
            if (!seen.Add(dependency.Id)) continue;
            var nupkg = Cached(cache, dependency.Id, dependency.Version);
            found.Add(nupkg);
            foreach (var d in Nuspec(nupkg).Dependencies) pending.Enqueue(d);
        }
        return found;
    }

    /// <summary>
    /// Packages a .NET Standard package asks for that .NET 10 itself provides: the SDK prunes them from a restore,
    /// so they are not in the cache, and nothing needs them from the feed.
    /// </summary>
    public static bool InTheFramework(string id) =>
        id.StartsWith("System.", StringComparison.OrdinalIgnoreCase) || id.StartsWith("Microsoft.Win32.", StringComparison.OrdinalIgnoreCase) ||
        id.StartsWith("Microsoft.NETCore.", StringComparison.OrdinalIgnoreCase) ||
        id is "Microsoft.CSharp" or "NETStandard.Library" or "Microsoft.Bcl.AsyncInterfaces" or "Microsoft.Bcl.HashCode";

    /// <summary>The cached package <paramref name="id"/> at the lowest version ≥ <paramref name="minimum"/>.</summary>
    private static string Cached(string cache, string id, string minimum)
    {
        var folder = Path.Combine(cache, id.ToLowerInvariant());
        var wanted = Version(minimum);
        var version = Directory.Exists(folder)
            ? Directory.GetDirectories(folder).Select(Path.GetFileName).OfType<string>()
                .Where(v => System.Version.TryParse(v.Split('-')[0], out var held) && held >= wanted && File.Exists(Nupkg(folder, id, v)))
                .OrderBy(v => System.Version.Parse(v.Split('-')[0])).ThenBy(v => v.Contains('-') ? 1 : 0).FirstOrDefault()
            : null;
        return version is null
            ? throw new FileNotFoundException($"{id} {minimum} or later is not in the NuGet cache ({cache})")
            : Nupkg(folder, id, version);
    }

    private static string Nupkg(string folder, string id, string version) => Path.Combine(folder, version, $"{id.ToLowerInvariant()}.{version}.nupkg");

    /// <summary>"[8.0.0, )" or "8.0.0" → 8.0.0 (a dependency's version is its minimum).</summary>
    private static Version Version(string range)
    {
        var text = range.Trim().TrimStart('[', '(').Split(',')[0].Trim().TrimEnd(']', ')').Split('-')[0];
        return System.Version.TryParse(text, out var v) ? v : new Version(0, 0);
    }

    private static XDocument OpenNuspec(string nupkg)
    {
        using var zip = ZipFile.OpenRead(nupkg);
        var entry = zip.Entries.Single(e => !e.FullName.Contains('/') && e.FullName.EndsWith(".nuspec", StringComparison.OrdinalIgnoreCase));
        using var stream = entry.Open();
        return XDocument.Load(stream);
    }

    /// <summary>The id, the version and the dependencies on .NET 10 of the package <paramref name="nupkg"/>.</summary>
    public static (string Id, string Version, IReadOnlyList<(string Id, string Version)> Dependencies) Nuspec(string nupkg) => Read(OpenNuspec(nupkg));

    /// <summary>
    /// The dependency group NuGet takes for net10.0: the highest netX.Y up to 10.0 (X ≥ 5), else the highest
    /// .NET Standard; a package without groups lists its dependencies flat.
    /// </summary>
    private static (string Id, string Version, IReadOnlyList<(string Id, string Version)> Dependencies) Read(XDocument nuspec)
    {
        var ns = nuspec.Root!.GetDefaultNamespace();
        var metadata = nuspec.Root.Element(ns + "metadata")!;
        var all = metadata.Element(ns + "dependencies");
        var groups = all?.Elements(ns + "group").ToList() ?? [];
        IEnumerable<XElement> chosen;
        if (groups.Count == 0) chosen = all?.Elements(ns + "dependency") ?? [];
        else
        {
            var ranked = groups.Select(g => (Group: g, Rank: Rank((string?)g.Attribute("targetFramework")))).Where(g => g.Rank is not null).ToList();
            chosen = ranked.Count == 0 ? [] : ranked.MaxBy(g => g.Rank)!.Group.Elements(ns + "dependency");
        }
        var dependencies = chosen
            .Select(d => ((string)d.Attribute("id")!, (string?)d.Attribute("version") ?? "0.0.0"))
            .Where(d => !InTheFramework(d.Item1))
            .ToList();
        return ((string)metadata.Element(ns + "id")!, (string)metadata.Element(ns + "version")!, dependencies);
    }

    /// <summary>How well a group's framework suits net10.0 (higher is better), or null when it does not apply.</summary>
    private static Version? Rank(string? framework)
    {
        if (framework is null) return null;
        var tf = framework.ToLowerInvariant();
        if (tf.StartsWith("net", StringComparison.Ordinal) && tf.Length > 3 && char.IsDigit(tf[3]) && System.Version.TryParse(tf[3..], out var net) && net.Major >= 5 && net <= new Version(10, 0))
            return new Version(100 + net.Major, net.Minor);
        foreach (var prefix in new[] { ".netstandard", "netstandard" })
            if (tf.StartsWith(prefix, StringComparison.Ordinal) && System.Version.TryParse(tf[prefix.Length..], out var standard) && standard <= new Version(2, 1))
                return standard;
        return null;
    }
}
