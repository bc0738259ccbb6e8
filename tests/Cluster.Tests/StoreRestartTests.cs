using System.Diagnostics;
using Npgsql;
using NotebookDL.Cluster;
using NotebookDL.Data;
using NotebookDL.Search;
using NotebookDL.Training;
using Xunit.Abstractions;

namespace NotebookDL.Tests.Cluster;

/// <summary>
/// PostgreSQL restarted in mid-search: the search resumes and finishes with the local search's trials, each
/// recorded once. The restart needs a server of its own (.ci/postgres on another port and folder), so that the
/// other tests' server stays up; it runs where .ci/postgres can run PostgreSQL (as root or with sudo).
/// </summary>
public sealed class StoreRestartTests(ITestOutputHelper output) : IDisposable
{
    private const string Root = "/tmp/notebookdl-postgres-restart";
    private const string Port = "55433";
    private readonly List<Process> _workers = [];
    private readonly string _study = $"restart-{Guid.NewGuid():N}";

    private static readonly DatasetSplits Spiral = Split.Random(NotebookDL.Data.Spiral.Create(150, 3, seed: 2), val: 90, seed: 0);
    private static MlpOptions Net => new() { InputSize = 2, Classes = 3, Hidden = [100, 100] };
    private static TrainOptions Training => new() { Optimizer = "adam", BatchSize = 20, Epochs = 60, TrainAccuracySamples = 100 };

    [SkippableFact]
    public async Task A_search_rides_out_a_restart_of_postgresql_and_records_each_trial_once()
    {
        Skip.If(Environment.GetEnvironmentVariable(ClusterFixture.Variable) is null && Environment.GetEnvironmentVariable("CI") != "true",
            "no test PostgreSQL: run eval \"$(.ci/postgres start)\" (this test starts a second server the same way)");
        var connectionString = StartServer();
        var cluster = ClusterConnection.Parse(connectionString);
        for (int w = 0; w < 2; w++) _workers.Add(Worker(connectionString, $"r{w + 1}"));
        var clock = Stopwatch.StartNew();
        while (ClusterSearch.Workers(cluster).Count < 2)
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), "the workers did not announce themselves");
            await Task.Delay(200);
        }

        var space = new SearchSpace(Hyperparameter.Parse("lr", "log:1e-3..1e-2"));
        var options = new SearchOptions { Trials = 6, Seed = 4, Workers = 6 };
        using var search = new ClusterSearch(cluster, _study);
        var remote = Task.Run(() => new HyperparameterSearch().Run(space, search.Trials(space, Net, Training, Spiral.Train, Spiral.Val!), options));
        while (Done(cluster) < 1)
        {
            Assert.False(remote.IsCompleted, "the search ended before the restart");
            await Task.Delay(100);
        }
        clock.Restart();
        Postgres("restart");
        output.WriteLine($"PostgreSQL restarted in {clock.Elapsed.TotalSeconds:F1} s with {Done(cluster)} of 6 trials recorded");
        if (await Task.WhenAny(remote, Task.Delay(TimeSpan.FromMinutes(3))) != remote)
        {
            using var connection = cluster.Open();
            using var rows = new NpgsqlCommand($"SELECT status, coalesce(worker, ''), count(*) FROM {ClusterSchema.Name}.trials WHERE study = @s GROUP BY 1, 2", connection);
            rows.Parameters.AddWithValue("s", _study);
            using var reader = rows.ExecuteReader();
            while (reader.Read()) output.WriteLine($"trials {reader.GetString(0)} on '{reader.GetString(1)}': {reader.GetInt64(2)}");
            reader.Close();
            using var jobs = new NpgsqlCommand($"SELECT j.id, j.statename, coalesce(s.reason, ''), coalesce(s.data::text, '') FROM {ClusterConnection.HangfireSchema}.job j LEFT JOIN {ClusterConnection.HangfireSchema}.state s ON s.id = j.stateid WHERE j.statename <> 'Succeeded'", connection);
            using var jr = jobs.ExecuteReader();
            while (jr.Read()) output.WriteLine($"job {jr.GetInt64(0)} {jr.GetString(1)}: {jr.GetString(2)} {jr.GetString(3)}");
            jr.Close();
            using var queue = new NpgsqlCommand($"SELECT jobid, queue, coalesce(fetchedat::text, 'not fetched') FROM {ClusterConnection.HangfireSchema}.jobqueue", connection);
            using var qr = queue.ExecuteReader();
            while (qr.Read()) output.WriteLine($"queued job {qr.GetInt64(0)} in {qr.GetString(1)}: {qr.GetString(2)}");
            lock (_log) output.WriteLine(_log.ToString());
            Assert.Fail("the search did not finish within 3 minutes of the restart");
        }
        var result = await remote;
        output.WriteLine($"the search finished {clock.Elapsed.TotalSeconds:F1} s after the restart");

        var local = new HyperparameterSearch().Run(space, MlpTrial.Create(space, Net, Training, Spiral.Train, Spiral.Val!), options with { Workers = 1 });
        Assert.Equal(6, result.Trials.Count);
        Assert.All(local.Trials.Zip(result.Trials), p => Assert.True(p.First.SameOutcomeAs(p.Second), $"trial {p.First.Index + 1} differs"));
        Assert.Equal(6, Done(cluster));
    }

    private int Done(ClusterConnection cluster)
    {
        try
        {
            using var connection = cluster.Open();
            using var count = new NpgsqlCommand($"SELECT count(*) FROM {ClusterSchema.Name}.trials WHERE study = @s AND status = 'done'", connection);
            count.Parameters.AddWithValue("s", _study);
            return Convert.ToInt32(count.ExecuteScalar());
        }
        catch (NpgsqlException)
        {
            return -1;
        }
    }

    /// <summary>Starts the second server with .ci/postgres and returns its connection string.</summary>
    private static string StartServer()
    {
        var lines = Postgres("start");
        var line = lines.Split('\n').FirstOrDefault(l => l.StartsWith("export NOTEBOOKDL_TEST_POSTGRES=", StringComparison.Ordinal))
                   ?? throw new InvalidOperationException($".ci/postgres start printed no connection string:\n{lines}");
        return line["export NOTEBOOKDL_TEST_POSTGRES=".Length..].Trim('"');
    }

    /// <summary>.ci/postgres with this test's folder and port; "restart" is stop then start.</summary>
    private static string Postgres(string verb)
    {
        if (verb == "restart")
        {
            Postgres("stop");
            return Postgres("start");
        }
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "NotebookDL.sln"))) dir = dir.Parent;
        var start = new ProcessStartInfo(Path.Combine(dir!.FullName, ".ci", "postgres")) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(verb);
        start.Environment["NOTEBOOKDL_PG_ROOT"] = Root;
        start.Environment["NOTEBOOKDL_PG_PORT"] = Port;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($".ci/postgres {verb} failed ({process.ExitCode}):\n{stderr.Result}");
        return stdout.Result;
    }

    private readonly System.Text.StringBuilder _log = new();

    private Process Worker(string connectionString, string name)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { ClusterFixture.WorkerDll, "--storage", connectionString, "--name", name, "--handover-seconds", "5" }) start.ArgumentList.Add(a);
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (_log) _log.AppendLine($"{name}: {e.Data}"); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_log) _log.AppendLine($"{name} (stderr): {e.Data}"); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    public void Dispose()
    {
        foreach (var w in _workers.Where(w => !w.HasExited)) w.Kill(entireProcessTree: true);
        NpgsqlConnection.ClearAllPools();
        try
        {
            Postgres("stop");
        }
        catch (InvalidOperationException)
        {
        }
    }
}
