using System.Diagnostics;

namespace NotebookDL.Tests.Cluster;

/// <summary>src/Worker packs as the dotnet tool notebookdl-worker, which installs and runs.</summary>
public class WorkerToolTests
{
    [Fact]
    public void The_worker_packs_as_the_notebookdl_worker_tool_which_installs_and_prints_its_help()
    {
        var folder = Directory.CreateTempSubdirectory("notebookdl-worker-tool-");
        try
        {
            var project = ClusterFixture.IsolatedWorkerProject(Path.Combine(folder.FullName, "source"));
            var feed = Path.Combine(folder.FullName, "feed");
            var version = $"0.0.0-tooltest.{DateTime.UtcNow:yyyyMMddHHmmss}";
            Run("dotnet", ["pack", project, "-c", "Release", "-o", feed, $"-p:Version={version}", "--nologo"]);
            Assert.True(File.Exists(Path.Combine(feed, $"NotebookDL.Worker.{version}.nupkg")));
            var tools = Path.Combine(folder.FullName, "tools");
            Run("dotnet", ["tool", "install", "NotebookDL.Worker", "--version", version, "--tool-path", tools, "--add-source", feed]);
            var help = Run(Path.Combine(tools, "notebookdl-worker"), ["--help"]);
            Assert.Contains("--storage", help);
            Assert.Contains("--grant-worker", help);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static string Run(string file, string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5))) { process.Kill(true); throw new TimeoutException($"{file} {string.Join(' ', args)} took over 5 minutes"); }
        Assert.True(process.ExitCode == 0, $"{file} {string.Join(' ', args)} exited {process.ExitCode}:\n{output.Result}{errors.Result}");
        return output.Result;
    }
}
