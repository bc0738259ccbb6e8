using System.Diagnostics;
using Npgsql;
using NotebookDL.Cluster;

namespace NotebookDL.Tests.Cluster;

/// <summary>
/// A fresh database on the test PostgreSQL (NOTEBOOKDL_TEST_POSTGRES, from .ci/postgres) for each test class, and
/// worker processes started from src/Worker's build. Without the variable the tests skip with the reason; under
/// CI=true they fail, since .ci/run starts the server.
/// </summary>
public sealed class ClusterFixture : IDisposable
{
    public const string Variable = "NOTEBOOKDL_TEST_POSTGRES";
    private readonly string? _server;
    private readonly List<Process> _workers = [];

    public ClusterFixture()
    {
        _server = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrWhiteSpace(_server))
        {
            if (Environment.GetEnvironmentVariable("CI") == "true")
                throw new InvalidOperationException($"{Variable} is not set: .ci/run starts PostgreSQL with .ci/postgres and sets it");
            _server = null;
            return;
        }
        Database = $"notebookdl_test_{Guid.NewGuid():N}"[..40];
        using (var admin = new NpgsqlConnection(_server))
        {
            admin.Open();
            using var create = new NpgsqlCommand($"CREATE DATABASE {Database}", admin);
            create.ExecuteNonQuery();
        }
        ConnectionString = new NpgsqlConnectionStringBuilder(_server) { Database = Database }.ConnectionString;
        Cluster = ClusterConnection.Parse(ConnectionString);
    }

    /// <summary>Skips the test when no test PostgreSQL is configured (outside CI).</summary>
    public void RequireServer() => Skip.If(_server is null, $"no test PostgreSQL: run eval \"$(.ci/postgres start)\" to set {Variable}");

    public string Database { get; } = "";
    public string ConnectionString { get; } = "";
    public ClusterConnection Cluster { get; } = null!;

    /// <summary>The worker's build (tests reference the project, so it is built first).</summary>
    public static string WorkerDll
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "NotebookDL.sln"))) dir = dir.Parent;
            if (dir is null) throw new InvalidOperationException("NotebookDL.sln not found above the test's folder");
            var configuration = AppContext.BaseDirectory.Contains("/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
            return Path.Combine(dir.FullName, "src", "Worker", "bin", configuration, "net10.0", "NotebookDL.Worker.dll");
        }
    }

    /// <summary>Starts a worker process and waits for its "ready" line.</summary>
    public Process StartWorker(string name, int threads = 1, IDictionary<string, string>? environment = null, double handoverSeconds = 30, string? dll = null,
        string? connectionString = null)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { dll ?? WorkerDll, "--storage", connectionString ?? ConnectionString, "--threads", threads.ToString(), "--name", name,
                     "--handover-seconds", handoverSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture) })
            start.ArgumentList.Add(a);
        if (environment is not null) foreach (var (k, v) in environment) start.Environment[k] = v;
        var process = Process.Start(start) ?? throw new InvalidOperationException("the worker did not start");
        lock (_workers) _workers.Add(process);
        var ready = new TaskCompletionSource<string>();
        var log = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is null) return; lock (log) log.AppendLine(e.Data); if (e.Data.Contains("Ctrl+C stops")) ready.TrySetResult(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!ready.Task.Wait(TimeSpan.FromSeconds(60)))
            throw new InvalidOperationException($"worker {name} did not get ready in 60 s:\n{log}");
        Logs[name] = log;
        return process;
    }

    /// <summary>
    /// Builds the worker with engine version <paramref name="version"/> into a folder of its own (a worker of
    /// another version, or the version of a package packed for the stock kernel); returns its DLL.
    /// </summary>
    public static string BuildWorker(string version, string folder)
    {
        var build = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        // The output beside the sources, not above them: the SDK leaves out of the build whatever lies under the output folder.
        var output = Path.Combine(folder, "worker");
        string[] args = ["build", IsolatedWorkerProject(Path.Combine(folder, "source")), "-c", "Release", "-o", output, $"-p:Version={version}", "--nologo", "-v", "q"];
        foreach (var a in args)
            build.ArgumentList.Add(a);
        using var process = Process.Start(build)!;
        var log = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"building the worker {version} failed:\n{log.Result}{errors.Result}");
        return Path.Combine(output, "NotebookDL.Worker.dll");
    }

    /// <summary>
    /// A copy of the worker's sources (and of the projects it references) in <paramref name="folder"/>; returns its
    /// project. A build of another version there stays out of the repository's bin and obj folders, which the
    /// other tests' workers run from while it builds.
    /// </summary>
    public static string IsolatedWorkerProject(string folder)
    {
        var root = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(WorkerDll)!, "..", "..", "..", "..", ".."));
        foreach (var file in new[] { "Directory.Build.props", "Directory.Packages.props" })
            File.Copy(Path.Combine(root, file), Path.Combine(Directory.CreateDirectory(folder).FullName, file), overwrite: true);
        foreach (var project in new[] { "Engine", "Cluster", "Worker" })
        {
            var source = Path.Combine(root, "src", project);
            foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
            {
                var relative = Path.GetRelativePath(source, file);
                if (relative.StartsWith("bin" + Path.DirectorySeparatorChar) || relative.StartsWith("obj" + Path.DirectorySeparatorChar)) continue;
                var target = Path.Combine(folder, "src", project, relative);
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(file, target, overwrite: true);
            }
        }
        return Path.Combine(folder, "src", "Worker", "NotebookDL.Worker.csproj");
    }

    /// <summary>What each worker printed.</summary>
    public Dictionary<string, System.Text.StringBuilder> Logs { get; } = [];

    /// <summary>Waits until Hangfire sees <paramref name="count"/> live workers.</summary>
    public void WaitForWorkers(int count)
    {
        var clock = Stopwatch.StartNew();
        while (ClusterSearch.Workers(Cluster).Count < count)
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(30)) throw new TimeoutException($"{count} workers did not announce themselves in 30 s");
            Thread.Sleep(200);
        }
    }

    public void StopWorkers()
    {
        lock (_workers)
        {
            foreach (var w in _workers.Where(w => !w.HasExited)) { w.Kill(entireProcessTree: true); w.WaitForExit(5000); }
            _workers.Clear();
        }
    }

    /// <summary>
    /// Stops the workers and drops the class's database. The drop is tried up to 10 times, 0.5 s apart: once (CI,
    /// 2026-12-06) it failed with a PostgresException while a killed worker's or a poller's session was still going
    /// away; if every try fails, the error says which database and why.
    /// </summary>
    public void Dispose()
    {
        StopWorkers();
        if (_server is null) return;
        for (int attempt = 1; ; attempt++)
        {
            NpgsqlConnection.ClearAllPools();
            try
            {
                using var admin = new NpgsqlConnection(_server);
                admin.Open();
                using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {Database} WITH (FORCE)", admin);
                drop.ExecuteNonQuery();
                return;
            }
            catch (PostgresException e) when (attempt < 10)
            {
                Console.Error.WriteLine($"dropping {Database}, try {attempt}: {e.SqlState} {e.MessageText}; trying again");
                Thread.Sleep(500);
            }
            catch (PostgresException e)
            {
                throw new InvalidOperationException($"could not drop the test database {Database} in 10 tries: {e.SqlState} {e.MessageText}", e);
            }
        }
    }
}
