using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace NotebookDL.Replay;

/// <summary>
/// Writes a folder a teacher copies to a classroom with no internet: a NuGet folder feed holding NotebookDL,
/// NotebookDL.Engine, the packages they depend on and (when this machine has it) the dotnet-interactive
/// tool, the notebooks (the student version, solutions replaced by stubs, when asked), the safer kernelspec
/// script, and a README saying how to set a machine up once so the unchanged notebooks load from that folder.
/// </summary>
public static partial class OfflineBundle
{
    internal const string ToolId = "microsoft.dotnet-interactive";
    internal const string ToolVersion = "1.0.712001";

    /// <summary>The kernelspec script the bundle carries, under the same path as in the repository.</summary>
    internal const string KernelspecScript = "tools/jupyter-kernelspec.sh";

    [GeneratedRegex(@"^(\d+)\.(\d+)\.(\d+)$")]
    private static partial Regex StableVersion();

    /// <summary>
    /// Why <paramref name="version"/> cannot be a bundle's version, or null when it can. The notebooks load
    /// <c>#r "nuget:NotebookDL"</c>, which NuGet resolves to stable versions only (a prerelease fails with NU1103),
    /// and each part must stay below 65536 to be an assembly version.
    /// </summary>
    public static string? VersionProblem(string version)
    {
        var match = StableVersion().Match(version);
        if (!match.Success)
            return $"'{version}' is not a stable version MAJOR.MINOR.PATCH such as 0.1.0: the notebooks' #r \"nuget:NotebookDL\" " +
                   "loads stable versions only (NuGet passes over a prerelease such as 0.1.0-beta)";
        if (match.Groups.Values.Skip(1).Any(g => !int.TryParse(g.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var part) || part > 65535))
            return $"'{version}': each part of the version must be below 65536 (it becomes the assemblies' version)";
        return null;
    }

    /// <summary>
    /// Writes the bundle into <paramref name="output"/>; with <paramref name="student"/> its notebooks are the student
    /// version (<see cref="StudentVersion"/>), so the folder can go to students' machines. Returns 0, or 1 with the reason
    /// on standard error.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="version"/> is not a stable version (<see cref="VersionProblem"/>).</exception>
    public static int Write(string repositoryRoot, string output, string version, bool student, Action<string> log)
    {
        if (VersionProblem(version) is { } problem) throw new ArgumentException(problem, nameof(version));
        // First, so a notebook whose solution markers do not balance fails before the packing.
        try
        {
            WriteNotebooks(Path.Combine(repositoryRoot, "notebooks"), Path.Combine(output, "notebooks"), student, log);
        }
        catch (Exception e) when (e is InvalidDataException or ArgumentException or IOException)
        {
            Console.Error.WriteLine(e.Message);
            return 1;
        }
        var feed = Directory.CreateDirectory(Path.Combine(output, "feed")).FullName;
        foreach (var project in new[] { "src/Engine/NotebookDL.Engine.csproj", "src/Extension/NotebookDL.csproj" })
        {
            log($"packing {project} {version}");
            if (Run("dotnet", ["pack", Path.Combine(repositoryRoot, project), "-c", "Release", "-o", feed, $"-p:Version={version}", "--nologo"]) is { } error)
            {
                Console.Error.WriteLine(error);
                return 1;
            }
        }
        var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
                       ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        try
        {
            foreach (var nupkg in PackageClosure.Of(Directory.GetFiles(feed, "*.nupkg"), packages))
            {
                File.Copy(nupkg, Path.Combine(feed, Path.GetFileName(nupkg)), overwrite: true);
                log($"added {Path.GetFileNameWithoutExtension(nupkg)}");
            }
        }
        catch (FileNotFoundException e)
        {
            Console.Error.WriteLine($"{e.Message}: build the solution once (dotnet build) so it is restored");
            return 1;
        }
        var tool = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".dotnet", "tools", ".store",
            ToolId, ToolVersion, ToolId, ToolVersion, $"{ToolId}.{ToolVersion}.nupkg");
        bool withTool = File.Exists(tool);
        if (withTool)
        {
            File.Copy(tool, Path.Combine(feed, Path.GetFileName(tool)), overwrite: true);
            log($"added the dotnet-interactive tool {ToolVersion}");
        }
        foreach (var file in new[] { "LICENSE", "NOTICE", KernelspecScript })
        {
            var source = Path.Combine(repositoryRoot, file);
            if (!File.Exists(source)) continue;
            var target = Path.Combine(output, file);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(source, target, overwrite: true);
        }
        File.WriteAllText(Path.Combine(output, "README.md"), OfflineBundleReadme.Text(version, withTool, student));
        log($"wrote the offline {(student ? "student" : "teacher")} bundle to {Path.GetFullPath(output)}");
        return 0;
    }

    /// <summary>
    /// The bundle's notebooks folder: the repository's notebooks, or their student version. Notebooks an earlier bundle
    /// left there go first, so a student bundle written over a teacher's keeps no solution.
    /// </summary>
    private static void WriteNotebooks(string source, string target, bool student, Action<string> log)
    {
        if (Directory.Exists(target))
            foreach (var stale in Directory.GetFiles(target).Where(IsNotebook))
                File.Delete(stale);
        if (student)
        {
            int solutions = StudentVersion.WriteFolder(source, target).Sum(w => w.Solutions);
            log($"wrote the student version of the notebooks: {solutions} solutions replaced by stubs");
            return;
        }
        Directory.CreateDirectory(target);
        foreach (var file in Directory.GetFiles(source).Where(IsNotebook))
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)), overwrite: true);
        log("copied the teacher's notebooks, solutions included");
    }

    private static bool IsNotebook(string file) => file.EndsWith(".ipynb", StringComparison.Ordinal) || file.EndsWith(".dib", StringComparison.Ordinal);

    private static string? Run(string file, string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(10))) { process.Kill(true); return $"{file} {string.Join(" ", args)} timed out"; }
        return process.ExitCode == 0 ? null : $"{file} {string.Join(" ", args)} failed:\n{stdout.Result}\n{stderr.Result}";
    }
}
