using System.Diagnostics;

namespace NotebookDL.Replay;

/// <summary>
/// Writes a folder a teacher copies to a classroom with no internet: a NuGet folder feed holding NotebookDL,
/// NotebookDL.Engine, the packages they depend on and (when this machine has it) the dotnet-interactive
/// tool, the notebooks, and a README saying how to install and load everything from that folder.
/// </summary>
public static class OfflineBundle
{
    private const string ToolId = "microsoft.dotnet-interactive";
    private const string ToolVersion = "1.0.712001";

    public static int Write(string repositoryRoot, string output, string version, Action<string> log)
    {
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
        var notebooks = Directory.CreateDirectory(Path.Combine(output, "notebooks")).FullName;
        foreach (var file in Directory.GetFiles(Path.Combine(repositoryRoot, "notebooks")).Where(f => f.EndsWith(".ipynb") || f.EndsWith(".dib")))
            File.Copy(file, Path.Combine(notebooks, Path.GetFileName(file)), overwrite: true);
        foreach (var notice in new[] { "LICENSE", "NOTICE" })
            if (File.Exists(Path.Combine(repositoryRoot, notice))) File.Copy(Path.Combine(repositoryRoot, notice), Path.Combine(output, notice), overwrite: true);
        File.WriteAllText(Path.Combine(output, "README.md"), Readme(version, withTool));
        log($"wrote the offline bundle to {Path.GetFullPath(output)}");
        return 0;
    }

    private static string Readme(string version, bool withTool) => $$"""
        # NotebookDL {{version}}: offline bundle

        Everything a classroom needs without internet, besides the .NET 10 SDK and Jupyter (or VS Code with
        Polyglot Notebooks): `feed/` is a NuGet folder feed, `notebooks/` the course.

        1. {{(withTool
            ? $"Install the kernel from the feed: `dotnet tool install -g Microsoft.dotnet-interactive --version {ToolVersion} --add-source ./feed`, then `dotnet interactive jupyter install`."
            : $"Install the kernel: `dotnet tool install -g Microsoft.dotnet-interactive --version {ToolVersion}` (this bundle was made on a machine without it), then `dotnet interactive jupyter install`.")}}
        2. In each notebook, replace the first cell (`#r "nuget:NotebookDL"`) with the absolute path of this folder's feed:

           ```
           #i "nuget:/absolute/path/to/this/bundle/feed"
           #r "nuget:NotebookDL, {{version}}"
           ```
        3. Run the notebooks top to bottom. Charts work offline: NotebookDL embeds plotly.js.
        """;

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
