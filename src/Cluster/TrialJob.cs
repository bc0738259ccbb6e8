using Npgsql;
using NotebookDL.Search;

namespace NotebookDL.Cluster;

/// <summary>
/// The Hangfire job a worker runs for one trial: reads the trial's spec, refuses it when the engine versions
/// differ, fetches the data (once per worker), trains, and records the report once (a trial run again after a
/// killed worker does not record twice), then notifies the notebook. Hangfire passes a token that is cancelled
/// when the job is deleted (the notebook's cancel) or the worker shuts down; a trial stopped that way records
/// nothing and is run again, or not at all.
/// </summary>
public sealed class TrialJob
{
    /// <summary>The cluster this worker serves (set once by the worker before its server starts).</summary>
    public static ClusterConnection? Cluster { get; set; }

    /// <summary>The name the notebook shows for this worker: "host/pid" unless the worker was given one.</summary>
    public static string WorkerName { get; set; } = $"{Environment.MachineName}/{Environment.ProcessId}";

    /// <remarks>
    /// The queue is named here as well as when the job is enqueued: a retried job (its worker lost the store in a
    /// restart) is enqueued again by Hangfire's scheduler, which would otherwise put it in the default queue,
    /// where no NotebookDL worker looks.
    /// </remarks>
    [Hangfire.Queue(ClusterConnection.Queue)]
    public void Run(Guid trial, CancellationToken cancellationToken)
    {
        var cluster = Cluster ?? throw new InvalidOperationException("this process is not a NotebookDL worker (TrialJob.Cluster is not set)");
        if (Start(cluster, trial) is not string specJson) return;

        var spec = TrialSpec.FromJson(specJson);
        TrialReport report;
        if (spec.EngineVersion != TrialSpec.CurrentEngineVersion)
            report = new TrialReport(WorkerName, null, double.NaN, null,
                $"worker {WorkerName} runs engine {TrialSpec.CurrentEngineVersion}, the notebook {spec.EngineVersion}: update one of them so both run the same engine", null);
        else
        {
            try
            {
                var train = DatasetStore.Get(cluster, spec.TrainData);
                var val = DatasetStore.Get(cluster, spec.ValData);
                var clock = System.Diagnostics.Stopwatch.StartNew();
                var outcome = MlpTrial.Train(spec.Architecture(), spec.TrainingOptions(), train, val, cancellationToken);
                cancellationToken.ThrowIfCancellationRequested(); // deleted or shutting down: nothing to record
                report = TrialReport.Of(WorkerName, outcome, clock.Elapsed.TotalSeconds);
            }
            catch (ArgumentException e)
            {
                report = new TrialReport(WorkerName, null, double.NaN, null, null, e.Message);
            }
        }
        Record(cluster, trial, report);
    }

    /// <summary>
    /// Marks the trial running on this worker and returns its spec, or null when there is nothing to run: the study
    /// was deleted, or the trial is done or cancelled. One statement, so that a cancel arriving as the job starts
    /// either comes first (nothing runs) or after (the trial is cancelled while running): reading the status and then
    /// writing 'running' let a cancel in between be overwritten, and the trial stayed 'running' for good (CancelTests
    /// saw 4 of 5 trials cancelled once).
    /// </summary>
    internal static string? Start(ClusterConnection cluster, Guid trial)
    {
        using var connection = cluster.Open();
        using var running = new NpgsqlCommand(
            $"UPDATE {ClusterSchema.Name}.trials SET status = 'running', worker = @w WHERE id = @id AND status NOT IN ('done', 'cancelled') RETURNING spec", connection);
        running.Parameters.AddWithValue("id", trial);
        running.Parameters.AddWithValue("w", WorkerName);
        return running.ExecuteScalar() as string;
    }

    /// <summary>Writes the report unless one is there already, and tells the notebook.</summary>
    internal static void Record(ClusterConnection cluster, Guid trial, TrialReport report)
    {
        using var connection = cluster.Open();
        using var update = new NpgsqlCommand(
            $"UPDATE {ClusterSchema.Name}.trials SET status = @s, worker = @w, result = @r, finished = now() WHERE id = @id AND status NOT IN ('done', 'cancelled'); " +
            $"SELECT pg_notify('{ClusterSchema.TrialChannel}', @id::text);", connection);
        update.Parameters.AddWithValue("id", trial);
        update.Parameters.AddWithValue("s", "done");
        update.Parameters.AddWithValue("w", report.Worker);
        update.Parameters.AddWithValue("r", report.ToJson());
        update.ExecuteNonQuery();
    }
}
