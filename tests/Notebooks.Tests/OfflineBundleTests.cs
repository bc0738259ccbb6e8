using System.Text.Json.Nodes;
using NotebookDL.Replay;
using Xunit.Abstractions;

namespace NotebookDL.Tests.Notebooks;

/// <summary>One written bundle: its folder, the exit code of <see cref="OfflineBundle.Write"/> and what it logged.</summary>
public sealed record WrittenBundle(string Folder, int ExitCode, IReadOnlyList<string> Log)
{
    public string Feed => Path.Combine(Folder, "feed");
    public string Notebooks => Path.Combine(Folder, "notebooks");
    public string Readme => File.ReadAllText(Path.Combine(Folder, "README.md"));
}

/// <summary>
/// Writes the teacher's and the student bundle once (each packs NotebookDL and NotebookDL.Engine: about 20 s) for the
/// tests below. The version is stable, as the notebooks' <c>#r "nuget:NotebookDL"</c> needs, and new each run
/// (0.DAYS.SECONDS/2): the offline test restores it into the empty cache of a fresh HOME, so no copy this machine loaded
/// before can stand in for it — neither from ~/.nuget/packages nor through the kernel's cache of resolved packages in
/// ~/.packagemanagement, which an empty NUGET_PACKAGES alone does not clear.
/// </summary>
public sealed class OfflineBundleFixture : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("notebookdl-bundle-").FullName;

    public OfflineBundleFixture()
    {
        var now = DateTime.UtcNow;
        Version = $"0.{(now - new DateTime(2020, 1, 1)).Days}.{(int)now.TimeOfDay.TotalSeconds / 2}";
        Teacher = Write("teacher", student: false);
        Student = Write("student", student: true);
    }

    public string Version { get; }
    public WrittenBundle Teacher { get; }
    public WrittenBundle Student { get; }

    private WrittenBundle Write(string name, bool student)
    {
        var folder = Path.Combine(_root, name);
        var log = new List<string>();
        var code = OfflineBundle.Write(Repository.Root, folder, Version, student, log.Add);
        return new WrittenBundle(folder, code, log);
    }

    public void Dispose()
    {
        try { Directory.Delete(_root, recursive: true); }
        catch (IOException) { }
    }
}

/// <summary>
/// The classroom bundle: one folder a teacher copies, holding a NuGet folder feed from which NotebookDL and
/// everything it depends on restore with no internet, the notebooks (for students: without the solutions), the
/// kernelspec script, the LICENSE and NOTICE, and a README whose set-up commands make the unchanged notebooks load
/// from the feed on a machine with no network.
/// </summary>
[Collection("jupyter")] // both pack src/Engine and src/Extension: never at the same time
public class OfflineBundleTests(OfflineBundleFixture bundle, ITestOutputHelper output) : IClassFixture<OfflineBundleFixture>
{
    private const string ToolPackage = "microsoft.dotnet-interactive.1.0.712001.nupkg";

    private static string[] FeedFiles(WrittenBundle written) => Directory.GetFiles(written.Feed, "*.nupkg").Select(Path.GetFileName).ToArray()!;

    [Fact]
    public void The_feed_holds_NotebookDL_its_engine_and_MathNet_Numerics_and_every_package_they_depend_on()
    {
        output.WriteLine(string.Join("\n", bundle.Teacher.Log));
        Assert.Equal(0, bundle.Teacher.ExitCode);
        var files = FeedFiles(bundle.Teacher);
        Assert.Contains($"NotebookDL.{bundle.Version}.nupkg", files);
        Assert.Contains($"NotebookDL.Engine.{bundle.Version}.nupkg", files);
        Assert.Contains("mathnet.numerics.5.0.0.nupkg", files);

        // Closed under dependencies: whatever a package of the feed needs on .NET 10 (its dependency group NuGet takes
        // for net10.0, less what the framework itself provides) is in the feed.
        var ids = files.Where(f => f != ToolPackage).ToDictionary(f => f, f => PackageClosure.Nuspec(Path.Combine(bundle.Teacher.Feed, f)), StringComparer.Ordinal);
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
        Assert.Equal(files.Order(), FeedFiles(bundle.Student).Order()); // the student bundle's feed is the same
    }

    [Fact]
    public void The_teachers_notebooks_LICENSE_NOTICE_the_kernelspec_script_and_a_README_with_the_set_up_are_beside_it()
    {
        Assert.Equal(0, bundle.Teacher.ExitCode);
        foreach (var notebook in Repository.NotebookFiles)
        {
            var name = Path.GetFileName(notebook);
            Assert.Equal(File.ReadAllText(notebook), File.ReadAllText(Path.Combine(bundle.Teacher.Notebooks, name)));
            Assert.True(File.Exists(Path.Combine(bundle.Teacher.Notebooks, Path.ChangeExtension(name, ".dib"))), $"{name}'s .dib is not in the bundle");
        }
        foreach (var file in new[] { "LICENSE", "NOTICE", "tools/jupyter-kernelspec.sh" })
            foreach (var written in new[] { bundle.Teacher, bundle.Student })
                Assert.Equal(File.ReadAllText(Path.Combine(Repository.Root, file)), File.ReadAllText(Path.Combine(written.Folder, file)));
        Assert.Contains("plotly.js", File.ReadAllText(Path.Combine(bundle.Teacher.Folder, "NOTICE")));

        var readme = bundle.Teacher.Readme;
        Assert.Contains("teacher version", readme);
        Assert.Contains("`bundle --student`", readme); // the teacher is told this one holds the solutions
        Assert.Contains($"dotnet nuget add source \"$PWD/feed\" --name {OfflineBundleReadme.FeedSourceName}\n", readme);
        Assert.Contains("dotnet nuget disable source nuget.org\n", readme);
        Assert.Contains("bash tools/jupyter-kernelspec.sh\n", readme);
        Assert.Contains("`jupyter trust notebooks/*.ipynb`", readme);
        Assert.Contains($"`apt install {OfflineBundleReadme.TrustPackage}`", readme);
        Assert.Contains("`~/.packagemanagement`", readme);
        Assert.DoesNotContain("#i \"nuget:", readme); // no notebook is edited any more
    }

    /// <summary>
    /// Lines of the teacher's solutions (between the markers) that appear nowhere else in the teacher's notebook, found in
    /// the bundle's copy of it (.dib and .ipynb cell sources), plus any solution marker left there.
    /// </summary>
    private static List<string> SolutionLinesIn(WrittenBundle written)
    {
        var found = new List<string>();
        foreach (var dib in Directory.GetFiles(Repository.Notebooks, "*.dib").Order(StringComparer.Ordinal))
        {
            var (solution, rest) = (new HashSet<string>(), new HashSet<string>());
            bool inside = false;
            foreach (var line in File.ReadAllLines(dib).Select(l => l.Trim()))
            {
                if (line.StartsWith(StudentVersion.BeginMarker, StringComparison.Ordinal)) inside = true;
                else if (line.StartsWith(StudentVersion.EndMarker, StringComparison.Ordinal)) inside = false;
                else (inside ? solution : rest).Add(line);
            }
            solution.ExceptWith(rest);
            var name = Path.GetFileNameWithoutExtension(dib);
            var ipynb = NotebookFile.Read(Path.Combine(written.Notebooks, name + ".ipynb")).Cells.OfType<JsonObject>().Select(NotebookFile.Source);
            foreach (var (file, text) in new[] { (name + ".dib", File.ReadAllText(Path.Combine(written.Notebooks, name + ".dib"))), (name + ".ipynb", string.Join("\n", ipynb)) })
                foreach (var line in text.Split('\n').Select(l => l.Trim()))
                    if (solution.Contains(line) || line.StartsWith(StudentVersion.BeginMarker, StringComparison.Ordinal) || line.StartsWith(StudentVersion.EndMarker, StringComparison.Ordinal))
                        found.Add($"{file}: {line}");
        }
        return found;
    }

    [Fact]
    public void The_student_bundle_holds_no_line_of_any_solution_and_says_it_is_the_student_version()
    {
        output.WriteLine(string.Join("\n", bundle.Student.Log));
        Assert.Equal(0, bundle.Student.ExitCode);
        Assert.Equal(0, bundle.Teacher.ExitCode);
        // The same search finds the solutions in the teacher's bundle: it would see a leak.
        var teachers = SolutionLinesIn(bundle.Teacher);
        output.WriteLine($"{teachers.Count} solution lines and markers in the teacher's bundle, e.g. {teachers.FirstOrDefault(l => !l.Contains(" SOLUTION"))}");
        Assert.True(teachers.Count > 100, $"only {teachers.Count} solution lines found in the teacher's notebooks");

        var leaked = SolutionLinesIn(bundle.Student);
        Assert.True(leaked.Count == 0, "the student bundle holds solution lines:\n" + string.Join("\n", leaked.Take(20)));
        var exercises = File.ReadAllText(Path.Combine(bundle.Student.Notebooks, "11-exercises.ipynb"));
        Assert.Contains(StudentVersion.Stub.Replace("\"", "\\\""), exercises);
        Assert.DoesNotContain("18 of 18 pass", exercises); // nor the teacher's expected results
        Assert.Equal(Directory.GetFiles(bundle.Teacher.Notebooks).Select(Path.GetFileName).Order(), Directory.GetFiles(bundle.Student.Notebooks).Select(Path.GetFileName).Order());
        Assert.Contains("student version", bundle.Student.Readme);
        Assert.DoesNotContain("keep this bundle for teachers", bundle.Student.Readme);
    }

    [Fact]
    public void A_prerelease_or_oversized_version_is_refused_before_anything_is_written()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"notebookdl-bundle-refused-{Guid.NewGuid():N}");
        foreach (var version in new[] { "0.1.0-beta", "1.2", "0.1.70000", "v1.0.0" })
        {
            var e = Assert.Throws<ArgumentException>(() => OfflineBundle.Write(Repository.Root, folder, version, student: true, _ => { }));
            Assert.Contains($"'{version}'", e.Message);
        }
        Assert.Contains("stable", OfflineBundle.VersionProblem("0.1.0-beta"));
        Assert.Null(OfflineBundle.VersionProblem("0.1.0"));
        Assert.False(Directory.Exists(folder));
    }

    [SkippableFact]
    public void The_feed_carries_the_dotnet_interactive_tool_when_this_machine_has_it()
    {
        Assert.Equal(0, bundle.Teacher.ExitCode);
        RequireTool();
        Assert.Contains(ToolPackage, FeedFiles(bundle.Teacher));
        Assert.Contains("--add-source ./feed", bundle.Teacher.Readme);
    }

    /// <summary>
    /// Issue 17: a student's machine, with no network but loopback, a fresh HOME (empty package cache, no
    /// ~/.packagemanagement, no NuGet.Config, no kernel) runs the student bundle README's set-up block in the bundle's
    /// folder, then the bundle's chapter 11, unchanged, through the stock kernel under jupyter nbconvert.
    /// </summary>
    [SkippableFact]
    public void On_a_machine_with_no_network_the_readmes_set_up_makes_the_unchanged_student_notebook_load_from_the_feed()
    {
        Assert.Equal(0, bundle.Student.ExitCode);
        RequireTool();
        using var machine = OfflineMachine.Create();
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var (probe, said) = machine.Run("exec 3<>/dev/tcp/1.1.1.1/443", machine.Root, TimeSpan.FromSeconds(30));
        Assert.True(probe != 0 && said.Contains("Network is unreachable"), $"the machine reached the internet (exit {probe}): {said}");

        var setup = SetupBlock(bundle.Student.Readme);
        var (code, log) = machine.Run(setup, bundle.Student.Folder, TimeSpan.FromMinutes(3));
        output.WriteLine($"set-up ({clock.Elapsed.TotalSeconds:F1} s):\n{setup}\n{log}");
        Assert.True(code == 0, $"the README's set-up failed (exit {code}):\n{log}");
        var kernelspec = File.ReadAllText(Path.Combine(machine.JupyterData, "kernels", ".net-csharp", "kernel.json"));
        Assert.Contains("--http-local-only", kernelspec); // the bundle's kernelspec script ran

        var notebook = Path.Combine(bundle.Student.Notebooks, "11-exercises.ipynb");
        var run = Directory.CreateDirectory(Path.Combine(machine.Root, "run")).FullName;
        (code, log) = machine.Run(
            $"jupyter nbconvert --to notebook --execute --ExecutePreprocessor.timeout=300 '{notebook}' --output-dir '{run}'",
            run, TimeSpan.FromMinutes(6));
        output.WriteLine($"nbconvert --execute done at {clock.Elapsed.TotalSeconds:F1} s (exit {code})");
        Assert.True(code == 0, $"jupyter nbconvert --execute failed (exit {code}):\n{(log.Length > 6000 ? log[^6000..] : log)}");

        var executed = NotebookFile.Read(Path.Combine(run, "11-exercises.ipynb"));
        var original = NotebookFile.Read(notebook);
        Assert.Equal(original.Cells.OfType<JsonObject>().Select(NotebookFile.Source), executed.Cells.OfType<JsonObject>().Select(NotebookFile.Source));
        Assert.Contains(original.Cells.OfType<JsonObject>(), c => NotebookFile.Source(c).Trim() == "#r \"nuget:NotebookDL\"");
        var outputs = executed.Cells.OfType<JsonObject>().SelectMany(c => c["outputs"] as JsonArray ?? []).OfType<JsonObject>().ToList();
        var errors = outputs.Where(o => (string?)o["output_type"] == "error").Select(o => o.ToJsonString()).ToList();
        Assert.True(errors.Count == 0, "error outputs:\n" + string.Join("\n", errors));
        Assert.Contains($"NotebookDL {bundle.Version} loaded", string.Join("\n", executed.Cells.OfType<JsonObject>().Select(Expectation.OutputText)));
        // The student version's expectations ("not implemented yet", "0 of 18 pass"), each after the cell that states it.
        Assert.NotEmpty(executed.Expectations);
        var (_, missing) = Expectation.Check(executed);
        Assert.True(missing.Count == 0, string.Join("; ", missing));
        // Restored from the feed into the empty cache of the fresh HOME.
        Assert.True(Directory.Exists(Path.Combine(machine.NuGetPackages, "notebookdl", bundle.Version)), $"NotebookDL {bundle.Version} is not in {machine.NuGetPackages}");
        output.WriteLine($"offline machine: {clock.Elapsed.TotalSeconds:F1} s in all");
    }

    /// <summary>The shell block under the README's set-up heading: the commands a teacher runs on each machine.</summary>
    private static string SetupBlock(string readme)
    {
        var section = readme.IndexOf(OfflineBundleReadme.SetupHeading, StringComparison.Ordinal);
        Assert.True(section >= 0, $"the README has no '{OfflineBundleReadme.SetupHeading}'");
        var start = readme.IndexOf("```sh\n", section, StringComparison.Ordinal) + "```sh\n".Length;
        return readme[start..readme.IndexOf("```", start, StringComparison.Ordinal)];
    }

    private static void RequireTool()
    {
        var store = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".dotnet", "tools", ".store",
            "microsoft.dotnet-interactive", "1.0.712001");
        if (Directory.Exists(store)) return;
        var reason = $"the dotnet-interactive tool 1.0.712001 is not installed here ({store} is missing), so the bundle cannot carry it " +
                     "(its README then says to install the tool from the internet)";
        if (Repository.InCi) throw new InvalidOperationException(reason + "; CI=true: .ci/run should have installed it");
        Skip.If(true, reason);
    }
}
