using System.Diagnostics;
using Npgsql;
using NotebookDL.Cluster;
using NotebookDL.Data;
using NotebookDL.Data.Preprocessing;
using NotebookDL.Search;
using NotebookDL.Training;

/// <summary>
/// The cluster search against the search in the kernel, on this machine: trials per second in the kernel and on 1
/// and 2 worker processes (the same trials; the results are checked to be equal), the engine's overhead per trial
/// (a trial with almost no training, through the cluster and in the kernel), and N = 1..8 worker processes on
/// loopback running such near-empty trials, which shows where Hangfire and PostgreSQL, not the CPU, become the limit.
/// The machine's cores cap every figure: with 2 cores, more than 2 busy workers only share them.
/// </summary>
internal static class ClusterBench
{
    public static void Run(string server, int repeats)
    {
        var database = $"notebookdl_bench_{Guid.NewGuid():N}"[..36];
        using (var admin = new NpgsqlConnection(server))
        {
            admin.Open();
            using var create = new NpgsqlCommand($"CREATE DATABASE {database}", admin);
            create.ExecuteNonQuery();
        }
        var connectionString = new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString;
        var cluster = ClusterConnection.Parse(connectionString);
        try
        {
            Console.WriteLine($"{Environment.ProcessorCount} cores (every figure is capped by them), PostgreSQL on loopback, each setting timed {repeats} times, the fastest counts");
            var digits = Pipeline.Parse("mean,std").FitTransform(Split.Random(Digits.Load(), val: 300, seed: 0));
            var space = new SearchSpace(Hyperparameter.Parse("lr", "log:1e-3..1e-1"), Hyperparameter.Parse("reg", "log:1e-5..1e-1"));

            // Real trials: digits 64-100-10, 5 epochs.
            var net = new MlpOptions { InputSize = 64, Classes = 10, Hidden = [100] };
            var training = new TrainOptions { BatchSize = 50, Epochs = 5 };
            var options = new SearchOptions { Trials = 16, Seed = 0 };
            var local1 = Best(repeats, () => new HyperparameterSearch().Run(space, MlpTrial.Create(space, net, training, digits.Train, digits.Val!), options with { Workers = 1, SingleThreadedKernels = true }));
            var local2 = Best(repeats, () => new HyperparameterSearch().Run(space, MlpTrial.Create(space, net, training, digits.Train, digits.Val!), options with { Workers = 2 }));
            Console.WriteLine($"\ndigits 64-100-10, 5 epochs, {options.Trials} trials");
            Line("in the kernel, 1 worker thread", options.Trials, local1.Seconds);
            Line("in the kernel, 2 worker threads", options.Trials, local2.Seconds);
            foreach (int processes in new[] { 1, 2 })
            {
                using var workers = Workers.Start(connectionString, processes, cluster);
                using var search = new ClusterSearch(cluster, $"bench-{processes}");
                var remote = Best(repeats, () => new HyperparameterSearch().Run(space, search.Trials(space, net, training, digits.Train, digits.Val!), options with { Workers = 16 }));
                bool same = local1.Result.Trials.Zip(remote.Result.Trials).All(p => p.First.SameOutcomeAs(p.Second));
                Line($"cluster, {processes} worker process{(processes == 1 ? "" : "es")}", options.Trials, remote.Seconds, same ? "results identical to the kernel's" : "RESULTS DIFFER");
            }

            // Near-empty trials: one mini-batch of one epoch; what is left is the engine's and the store's overhead.
            var empty = new TrainOptions { BatchSize = 1497, Epochs = 1, TrainAccuracySamples = 10 };
            var tiny = new MlpOptions { InputSize = 64, Classes = 10, Hidden = [5] };
            var emptyOptions = new SearchOptions { Trials = 64, Seed = 1 };
            var localEmpty = Best(repeats, () => new HyperparameterSearch().Run(space, MlpTrial.Create(space, tiny, empty, digits.Train, digits.Val!), emptyOptions with { Workers = 1 }));
            Console.WriteLine($"\nnear-empty trials (one mini-batch), {emptyOptions.Trials} trials");
            Line("in the kernel, 1 worker thread", emptyOptions.Trials, localEmpty.Seconds);
            double? oneWorker = null;
            for (int processes = 1; processes <= 8; processes++)
            {
                using var workers = Workers.Start(connectionString, processes, cluster);
                using var search = new ClusterSearch(cluster, $"empty-{processes}");
                var remote = Best(repeats, () => new HyperparameterSearch().Run(space, search.Trials(space, tiny, empty, digits.Train, digits.Val!), emptyOptions with { Workers = 64 }));
                oneWorker ??= remote.Seconds;
                Line($"cluster, {processes} worker process{(processes == 1 ? "" : "es")}", emptyOptions.Trials, remote.Seconds,
                    processes == 1 ? $"overhead {1000 * (remote.Seconds - localEmpty.Seconds) / emptyOptions.Trials:F1} ms per trial" : $"{oneWorker / remote.Seconds:F2}x one process");
            }
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            using var admin = new NpgsqlConnection(server);
            admin.Open();
            using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {database} WITH (FORCE)", admin);
            drop.ExecuteNonQuery();
        }
    }

    private static void Line(string setting, int trials, double seconds, string note = "") =>
        Console.WriteLine($"  {setting,-36} {trials / seconds,8:F1} trials/s  ({seconds:F2} s){(note.Length > 0 ? "  " + note : "")}");

    private static (SearchResult Result, double Seconds) Best(int repeats, Func<SearchResult> run)
    {
        (SearchResult Result, double Seconds) best = (null!, double.PositiveInfinity);
        for (int r = 0; r < repeats; r++)
        {
            var clock = Stopwatch.StartNew();
            var result = run();
            if (clock.Elapsed.TotalSeconds < best.Seconds) best = (result, clock.Elapsed.TotalSeconds);
        }
        return best;
    }

    /// <summary>Worker processes, started and waited for; killed on dispose.</summary>
    private sealed class Workers : IDisposable
    {
        private readonly List<Process> _processes = [];

        public static Workers Start(string connectionString, int count, ClusterConnection cluster)
        {
            var workers = new Workers();
            var dll = Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "..", "src", "Worker", "bin", "Release", "net10.0", "NotebookDL.Worker.dll");
            for (int i = 0; i < count; i++)
            {
                var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
                foreach (var a in new[] { Path.GetFullPath(dll), "--storage", connectionString, "--name", $"bench-{count}-{i + 1}" }) start.ArgumentList.Add(a);
                var process = Process.Start(start)!;
                process.OutputDataReceived += (_, _) => { };
                process.ErrorDataReceived += (_, _) => { };
                process.BeginOutputReadLine();
                process.BeginErrorReadLine();
                workers._processes.Add(process);
            }
            var clock = Stopwatch.StartNew();
            while (ClusterSearch.Workers(cluster).Count(w => w.Name.StartsWith($"bench-{count}-", StringComparison.Ordinal)) < count)
            {
                if (clock.Elapsed > TimeSpan.FromSeconds(60)) throw new TimeoutException($"{count} workers did not start in 60 s");
                Thread.Sleep(100);
            }
            return workers;
        }

        public void Dispose()
        {
            foreach (var p in _processes.Where(p => !p.HasExited)) p.Kill(entireProcessTree: true);
            foreach (var p in _processes) p.WaitForExit(5000);
            Thread.Sleep(1000);
        }
    }
}
