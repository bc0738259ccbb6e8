using System.Text.Json.Nodes;
using NotebookDL.Replay;

namespace NotebookDL.Tests.Notebooks;

/// <summary>
/// A temporary world for the kernel: a folder feed holding the freshly packed NotebookDL and NotebookDL.Engine
/// (version 0.0.0-ci.&lt;unique&gt;), a HOME whose NuGet.Config lists only that feed (packages already restored
/// stay available through NUGET_PACKAGES), and a kernelspec bound to 127.0.0.1 with message interrupts.
/// The version is new each run because NuGet serves a version NUGET_PACKAGES already holds without looking at the
/// feed, and the kernel caches what each <c>#r "nuget:NotebookDL, version"</c> resolved to in ~/.packagemanagement
/// (here in the session's own HOME), pointing at those cached files: an empty NUGET_PACKAGES alone would still load
/// an older copy of a re-packed version.
/// </summary>
public sealed class JupyterSession : IDisposable
{
    public const string KernelName = "notebookdl-test";

    private JupyterSession(string root, string feed, string version, Dictionary<string, string> environment)
    {
        Root = root;
        Feed = feed;
        Version = version;
        Environment = environment;
    }

    public string Root { get; }
    public string Feed { get; }
    public string Version { get; }
    public Dictionary<string, string> Environment { get; }

    public static JupyterSession Create()
    {
        var jupyter = ExternalTool.Jupyter;
        var tool = ExternalTool.DotnetInteractive;
        var root = Directory.CreateTempSubdirectory("notebookdl-jupyter-").FullName;
        var version = $"0.0.0-ci.{DateTime.UtcNow:yyyyMMddHHmmss}{System.Environment.ProcessId % 1000:000}";
        var feed = Directory.CreateDirectory(Path.Combine(root, "feed")).FullName;

        foreach (var project in new[] { "src/Engine/NotebookDL.Engine.csproj", "src/Extension/NotebookDL.csproj" })
        {
            var (code, log) = ExternalTool.Run("dotnet",
                ["pack", Path.Combine(Repository.Root, project), "-c", "Release", "-o", feed, $"-p:Version={version}", "--nologo"],
                TimeSpan.FromMinutes(5));
            if (code != 0) throw new InvalidOperationException($"dotnet pack {project} failed:\n{log}");
        }

        // Packages already in the cache stay usable offline; stale NotebookDL copies go, as a user upgrading would see.
        var packages = System.Environment.GetEnvironmentVariable("NUGET_PACKAGES")
                       ?? Path.Combine(System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        foreach (var stale in new[] { "notebookdl", "notebookdl.engine" })
        {
            var dir = Path.Combine(packages, stale);
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }

        var home = Directory.CreateDirectory(Path.Combine(root, "home")).FullName;
        var nugetDir = Directory.CreateDirectory(Path.Combine(home, ".nuget", "NuGet")).FullName;
        File.WriteAllText(Path.Combine(nugetDir, "NuGet.Config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="notebookdl-local" value="{feed}" />
              </packageSources>
            </configuration>
            """);
        var kernelDir = Directory.CreateDirectory(Path.Combine(root, "jupyter", "kernels", KernelName)).FullName;
        var spec = new JsonObject
        {
            ["argv"] = new JsonArray(tool, "jupyter", "--default-kernel", "csharp", "{connection_file}", "--http-local-only", "--http-port-range", "2048-3000"),
            ["display_name"] = ".NET (C#) — NotebookDL test",
            ["language"] = "C#",
            ["interrupt_mode"] = "message",
        };
        File.WriteAllText(Path.Combine(kernelDir, "kernel.json"), spec.ToJsonString());

        var dotnetRoot = ExternalTool.DotnetRoot;
        var environment = new Dictionary<string, string>
        {
            ["HOME"] = home,
            ["NUGET_PACKAGES"] = packages,
            ["JUPYTER_PATH"] = Path.Combine(root, "jupyter"),
            ["DOTNET_ROOT"] = System.Environment.GetEnvironmentVariable("DOTNET_ROOT") ?? dotnetRoot,
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["DOTNET_NOLOGO"] = "1",
            ["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1",
            ["PATH"] = $"{dotnetRoot}:{System.Environment.GetEnvironmentVariable("PATH")}",
        };
        _ = jupyter;
        return new JupyterSession(root, feed, version, environment);
    }

    /// <summary>Executes a copy of the notebook whose load cell points at the local feed; returns the executed file.</summary>
    public string Execute(string notebookPath, Action<string> progress, bool allowErrors = false)
    {
        var notebook = NotebookFile.Read(notebookPath);
        foreach (var cell in notebook.Cells.OfType<JsonObject>().Where(c => NotebookFile.HasTag(c, NotebookFile.LoadCellTag)))
            cell["source"] = $"#i \"nuget:{Feed}\"\n#r \"nuget:NotebookDL, {Version}\"";
        var work = Directory.CreateDirectory(Path.Combine(Root, "run")).FullName;
        var input = Path.Combine(work, notebook.Name + ".ipynb");
        notebook.Write(input);
        var executed = Path.Combine(work, notebook.Name + ".executed.ipynb");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var (code, log) = ExternalTool.Run(ExternalTool.Jupyter,
        [
            "nbconvert", "--to", "notebook", "--execute", "--ExecutePreprocessor.timeout=300",
            $"--ExecutePreprocessor.kernel_name={KernelName}", input, "--output", Path.GetFileName(executed),
            .. allowErrors ? new[] { "--allow-errors" } : [],
        ], TimeSpan.FromMinutes(10), Environment, work);
        progress($"{notebook.Name}: nbconvert --execute took {clock.Elapsed.TotalSeconds:F1} s (exit {code})");
        if (code != 0) throw new InvalidOperationException($"jupyter nbconvert --execute {notebook.Name} failed (exit {code}):\n{Tail(log)}");
        return executed;
    }

    /// <summary>Writes a notebook of <paramref name="cells"/> after a load cell (filled in by <see cref="Execute"/>); returns its path.</summary>
    public string WriteNotebook(string name, IReadOnlyList<string> cells)
    {
        var cellsJson = new JsonArray(
        [
            new JsonObject { ["cell_type"] = "code", ["metadata"] = new JsonObject { ["tags"] = new JsonArray(NotebookFile.LoadCellTag) }, ["source"] = "", ["outputs"] = new JsonArray(), ["execution_count"] = null },
            .. cells.Select(c => (JsonNode)new JsonObject { ["cell_type"] = "code", ["metadata"] = new JsonObject(), ["source"] = c, ["outputs"] = new JsonArray(), ["execution_count"] = null }),
        ]);
        var notebook = new JsonObject
        {
            ["nbformat"] = 4, ["nbformat_minor"] = 4, ["cells"] = cellsJson,
            ["metadata"] = new JsonObject { ["kernelspec"] = new JsonObject { ["name"] = KernelName, ["display_name"] = ".NET (C#)", ["language"] = "C#" } },
        };
        var path = Path.Combine(Directory.CreateDirectory(Path.Combine(Root, name)).FullName, name + ".ipynb");
        File.WriteAllText(path, notebook.ToJsonString());
        return path;
    }

    /// <summary>nbconvert's HTML export of an executed notebook.</summary>
    public string ExportHtml(string executed, Action<string> progress)
    {
        var (code, log) = ExternalTool.Run(ExternalTool.Jupyter, ["nbconvert", "--to", "html", executed], TimeSpan.FromMinutes(2), Environment, Path.GetDirectoryName(executed));
        if (code != 0) throw new InvalidOperationException($"jupyter nbconvert --to html failed:\n{Tail(log)}");
        var html = Path.ChangeExtension(executed, ".html");
        progress($"exported {html} ({new FileInfo(html).Length / 1024} KiB)");
        return html;
    }

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); }
        catch (IOException) { }
    }

    private static string Tail(string log) => log.Length > 6000 ? "…" + log[^6000..] : log;
}
