using System.CommandLine;
using Hangfire;
using NotebookDL.Cluster;
using NotebookDL.Search;
using NotebookDL.Tensors;

namespace NotebookDL.Worker;

/// <summary>
/// <c>notebookdl-worker --storage "&lt;connection string&gt;" [--threads 1] [--name lab-3]</c>: serves the cluster's
/// trials until stopped (Ctrl+C or SIGTERM finishes nothing half-way: a running trial is handed back to the queue).
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        var storage = new Option<string>("--storage")
        {
            Description = $"The cluster's PostgreSQL connection string (Host=...;Username=...;Password=...;Database=...), or env for {ClusterConnection.EnvironmentVariable}.",
            HelpName = "CONNECTION", Required = true,
        };
        var threads = new Option<int>("--threads") { Description = "Trials run at once (each on one core).", HelpName = "N", DefaultValueFactory = _ => 1 };
        var name = new Option<string?>("--name") { Description = "The name the notebooks show for this worker (default host/pid).", HelpName = "NAME" };
        var handover = new Option<double>("--handover-seconds")
        {
            Description = "Seconds after which the trial of a worker that died (killed, machine off) is taken by another worker.",
            HelpName = "SECONDS", DefaultValueFactory = _ => ClusterConnection.DefaultInvisibility.TotalSeconds,
        };
        var setup = new Option<bool>("--setup") { Description = "Create the cluster's tables (run once, with the database owner's connection string) and exit." };
        var grantWorker = new Option<string?>("--grant-worker")
        {
            Description = "With --setup: give this PostgreSQL role what a worker needs and no more (workers then connect as it).", HelpName = "ROLE",
        };
        var command = new RootCommand("Runs NotebookDL's cluster search trials (Hangfire jobs in PostgreSQL).") { storage, threads, name, handover, setup, grantWorker };
        command.SetAction(parse => parse.GetValue(setup)
            ? Setup(parse.GetValue(storage)!, parse.GetValue(grantWorker))
            : Serve(parse.GetValue(storage)!, parse.GetValue(threads), parse.GetValue(name), parse.GetValue(handover)));
        return command.Parse(args).Invoke();
    }

    private static int Setup(string storageText, string? workerRole)
    {
        ClusterConnection? cluster = null;
        try
        {
            cluster = ClusterConnection.Parse(storageText);
            ClusterSchema.Setup(cluster, workerRole);
            Console.WriteLine($"notebookdl-worker: the tables of {cluster.Shown} are ready" + (workerRole is null ? "" : $"; role {workerRole} may run trials"));
            return 0;
        }
        catch (Exception e) when (e is ArgumentException || ClusterConnection.IsUnreachable(e))
        {
            Console.Error.WriteLine($"notebookdl-worker: {(cluster is null ? e.Message : cluster.Redact(e.Message))}");
            return 1;
        }
    }

    private static int Serve(string storageText, int threads, string? name, double handoverSeconds)
    {
        if (threads < 1 || threads > 256)
        {
            Console.Error.WriteLine($"--threads must be between 1 and 256, got {threads}");
            return 2;
        }
        if (!(handoverSeconds >= 2 && handoverSeconds <= 86_400))
        {
            Console.Error.WriteLine($"--handover-seconds must be between 2 and 86400, got {handoverSeconds}");
            return 2;
        }
        ClusterConnection cluster;
        try
        {
            cluster = ClusterConnection.Parse(storageText);
            using var connection = cluster.Open();
            ClusterSchema.Ensure(connection);
        }
        catch (Exception e) when (e is ArgumentException || ClusterConnection.IsUnreachable(e))
        {
            Console.Error.WriteLine($"notebookdl-worker: {(e is ArgumentException ? e.Message : ClusterConnection.Parse(storageText).Redact(e.Message))}");
            return 1;
        }
        if (name is not null) TrialJob.WorkerName = name;
        TrialJob.Cluster = cluster;
        // Several trials at once share the cores: each runs its kernels on one thread (the same bits either way).
        if (threads > 1) Ops.MaxThreads = 1;

        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
        AppDomain.CurrentDomain.ProcessExit += (_, _) => stop.Cancel();
        var options = new BackgroundJobServerOptions
        {
            ServerName = TrialJob.WorkerName,
            WorkerCount = threads,
            Queues = [ClusterConnection.Queue],
            CancellationCheckInterval = TimeSpan.FromSeconds(1),
            HeartbeatInterval = TimeSpan.FromSeconds(5),
            ServerCheckInterval = TimeSpan.FromSeconds(15),
            ServerTimeout = TimeSpan.FromSeconds(30),
        };
        using (var server = new BackgroundJobServer(options, cluster.Storage(TimeSpan.FromSeconds(handoverSeconds))))
        {
            Console.WriteLine($"notebookdl-worker {TrialJob.WorkerName}: {threads} thread{(threads == 1 ? "" : "s")}, engine {TrialSpec.CurrentEngineVersion}, cluster {cluster.Shown}; Ctrl+C stops");
            stop.Token.WaitHandle.WaitOne();
            Console.WriteLine($"notebookdl-worker {TrialJob.WorkerName}: stopping (running trials go back to the queue)");
        }
        return 0;
    }
}
