using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Hangfire;
using Hangfire.Common;
using Hangfire.PostgreSql;
using Hangfire.States;
using Npgsql;
using NotebookDL.Data;
using NotebookDL.Search;
using NotebookDL.Training;

namespace NotebookDL.Cluster;

/// <summary>
/// The notebook's side of a cluster search: each trial becomes a Hangfire job in the cluster's PostgreSQL, and the
/// trial function waits for the report a worker records (woken by PostgreSQL's NOTIFY, with a re-read of the row
/// every few seconds in case a notification was lost while the server restarted). Cancelling deletes the job:
/// a queued trial never runs, a running one stops at its next mini-batch.
/// </summary>
public sealed class ClusterSearch : IDisposable
{
    /// <summary>How long a worker may go without a heartbeat and still count as running.</summary>
    public static readonly TimeSpan WorkerAlive = TimeSpan.FromSeconds(30);

    private readonly ClusterConnection _cluster;
    private readonly PostgreSqlStorage _storage;
    private readonly BackgroundJobClient _client;
    private readonly ConcurrentDictionary<Guid, TaskCompletionSource> _waiting = new();
    private readonly ConditionalWeakTable<Dataset, string> _stored = new();
    private readonly CancellationTokenSource _closing = new();
    private readonly Thread _listener;

    /// <summary>Connects, creates the tables when missing, and checks that at least one worker is running.</summary>
    /// <exception cref="InvalidOperationException">No worker has sent a heartbeat lately.</exception>
    public ClusterSearch(ClusterConnection cluster, string study, string? notebook = null)
    {
        _cluster = cluster;
        Study = study;
        Notebook = notebook ?? $"{Environment.UserName}@{Environment.MachineName}/{Environment.ProcessId}";
        using (var connection = cluster.Open()) ClusterSchema.Ensure(connection);
        _storage = cluster.Storage();
        _client = new BackgroundJobClient(_storage);
        if (LiveWorkers(_storage).Count == 0)
            throw new InvalidOperationException(
                $"no worker is running on the cluster {cluster.Shown}: start one on each machine with " +
                "dotnet run --project src/Worker -c Release -- --storage \"<connection string>\" (or the notebookdl-worker tool)");
        _listener = new Thread(Listen) { IsBackground = true, Name = "NotebookDL cluster listener" };
        _listener.Start();
    }

    /// <summary>The cluster the trials go to.</summary>
    public ClusterConnection Cluster => _cluster;

    /// <summary>The study the trials are filed under (several notebooks may share one).</summary>
    public string Study { get; }

    /// <summary>Who filed the trials, as the study's watchers see it.</summary>
    public string Notebook { get; }

    /// <summary>The workers whose heartbeat is recent: their names and threads.</summary>
    public IReadOnlyList<(string Name, int Threads)> Workers() => LiveWorkers(_storage);

    /// <summary>The live workers of <paramref name="cluster"/>, without starting a search.</summary>
    public static IReadOnlyList<(string Name, int Threads)> Workers(ClusterConnection cluster) => LiveWorkers(cluster.Storage());

    private static IReadOnlyList<(string Name, int Threads)> LiveWorkers(PostgreSqlStorage storage) =>
        [.. storage.GetMonitoringApi().Servers()
            .Where(s => s.Heartbeat is DateTime beat && DateTime.UtcNow - beat < WorkerAlive && s.Queues.Contains(ClusterConnection.Queue))
            .Select(s => (s.Name, s.WorkersCount))];

    /// <summary>Stores <paramref name="data"/> in the cluster (once per data set object and content) and returns its hash.</summary>
    public string Put(Dataset data)
    {
        lock (_stored)
        {
            if (_stored.TryGetValue(data, out var known)) return known;
            using var connection = _cluster.Open();
            var hash = DatasetStore.Put(connection, data);
            _stored.AddOrUpdate(data, hash);
            return hash;
        }
    }

    /// <summary>
    /// <see cref="MlpTrial.Create"/>'s trial function, run on the cluster: each request's values applied to
    /// <paramref name="architecture"/> and <paramref name="training"/> as there, the data stored once.
    /// </summary>
    public TrialFunction Trials(SearchSpace space, MlpOptions architecture, TrainOptions training, Dataset train, Dataset val) =>
        (request, ct) =>
        {
            var (a, t) = MlpTrial.Apply(request.Parameters, request.Seed, request.Epochs, architecture, training);
            return Run(request, a, t, train, val, space, ct);
        };

    /// <summary>
    /// Runs the trial <paramref name="request"/> of a search over <paramref name="space"/> on some worker: the
    /// network <paramref name="architecture"/> trained with <paramref name="training"/> (the request's values
    /// already applied) on <paramref name="train"/>, judged on <paramref name="val"/>.
    /// </summary>
    public TrialOutcome Run(TrialRequest request, MlpOptions architecture, TrainOptions training, Dataset train, Dataset val, SearchSpace space, CancellationToken ct)
    {
        var spec = TrialSpec.Of(request, architecture, training, WhileTheStoreIsDown(() => Put(train), ct), WhileTheStoreIsDown(() => Put(val), ct));
        return Run(spec, ct, space, request.Parameters);
    }

    /// <summary>Runs one trial on some worker and returns its outcome, with the worker's name.</summary>
    /// <exception cref="ArgumentException">The worker refused the trial (another engine version) or it failed there.</exception>
    /// <param name="spec">The trial, written down for a worker.</param>
    /// <param name="ct">Cancels the trial: its job is deleted, on its worker too.</param>
    /// <param name="space">The search's space, filed with the trial so that a study's watcher can show it.</param>
    /// <param name="parameters">The trial's values in <paramref name="space"/>.</param>
    public TrialOutcome Run(TrialSpec spec, CancellationToken ct, SearchSpace? space = null, Configuration? parameters = null)
    {
        var id = Guid.NewGuid();
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _waiting[id] = done;
        string? job = null;
        try
        {
            job = WhileTheStoreIsDown(() => Enqueue(id, spec, space, parameters), ct);
            while (true)
            {
                // Woken by NOTIFY; the row is read again every few seconds whatever happens to the notifications.
                done.Task.Wait(TimeSpan.FromSeconds(3), ct);
                if (Report(id) is { } report)
                {
                    if (report.Refusal is { } refusal) throw new ArgumentException(refusal);
                    if (report.Failure is { } failure) throw new ArgumentException($"on {report.Worker}: {failure}");
                    return report.Outcome();
                }
                if (WorkersOrNull()?.Count == 0)
                    throw new InvalidOperationException($"no worker is running on the cluster {_cluster.Shown} any more: trial {spec.Index + 1} is waiting in the queue");
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            if (job is not null) Cancel(id, job);
            throw;
        }
        finally
        {
            _waiting.TryRemove(id, out _);
        }
    }

    /// <summary>How long a search waits for its PostgreSQL to come back (a restart) before it gives up.</summary>
    public static readonly TimeSpan StoreOutage = TimeSpan.FromSeconds(120);

    /// <summary>Files the trial and enqueues its job (again, harmlessly, when a retry follows a half-done attempt); returns the job's id.</summary>
    private string Enqueue(Guid id, TrialSpec spec, SearchSpace? space, Configuration? parameters)
    {
        using var connection = _cluster.Open();
        using (var insert = new NpgsqlCommand(
                   $"INSERT INTO {ClusterSchema.Name}.trials (id, study, spec, notebook, space, parameters) VALUES (@id, @s, @spec, @n, @space, @p) ON CONFLICT (id) DO NOTHING", connection))
        {
            insert.Parameters.AddWithValue("id", id);
            insert.Parameters.AddWithValue("s", Study);
            insert.Parameters.AddWithValue("spec", spec.ToJson());
            insert.Parameters.AddWithValue("n", Notebook);
            insert.Parameters.AddWithValue("space", space is null ? DBNull.Value : StudyTrials.SpaceText(space));
            insert.Parameters.AddWithValue("p", parameters is null ? DBNull.Value : StudyTrials.ParametersText(parameters));
            insert.ExecuteNonQuery();
        }
        var job = _client.Create(Job.FromExpression<TrialJob>(j => j.Run(id, CancellationToken.None)), new EnqueuedState(ClusterConnection.Queue));
        using var update = new NpgsqlCommand($"UPDATE {ClusterSchema.Name}.trials SET job = @j WHERE id = @id", connection);
        update.Parameters.AddWithValue("id", id);
        update.Parameters.AddWithValue("j", job);
        update.ExecuteNonQuery();
        return job;
    }

    /// <summary>Runs <paramref name="step"/>, trying again every second while PostgreSQL is unreachable, for up to <see cref="StoreOutage"/>.</summary>
    private T WhileTheStoreIsDown<T>(Func<T> step, CancellationToken ct)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return step();
            }
            catch (Exception e) when (ClusterConnection.IsUnreachable(e) && clock.Elapsed < StoreOutage)
            {
                ct.WaitHandle.WaitOne(TimeSpan.FromSeconds(1));
                ct.ThrowIfCancellationRequested();
            }
        }
    }

    /// <summary>The live workers, or null while the store cannot be asked.</summary>
    private IReadOnlyList<(string Name, int Threads)>? WorkersOrNull()
    {
        try
        {
            return Workers();
        }
        catch (Exception e) when (ClusterConnection.IsUnreachable(e))
        {
            return null;
        }
    }

    /// <summary>Tries at deleting a cancelled trial's job, 100 ms apart.</summary>
    private const int DeleteAttempts = 20;

    private void Cancel(Guid id, string job)
    {
        try
        {
            using (var connection = _cluster.Open())
            using (var update = new NpgsqlCommand($"UPDATE {ClusterSchema.Name}.trials SET status = 'cancelled' WHERE id = @id AND status <> 'done'", connection))
            {
                update.Parameters.AddWithValue("id", id);
                update.ExecuteNonQuery();
            }
            // A queued job is dropped; a running one's token is cancelled on its worker. Delete says false when the job's
            // state changed under it (a worker taking it off the queue at that moment: CancelTests saw 4 of 5 deleted).
            for (int attempt = 1; !_client.Delete(job) && attempt < DeleteAttempts; attempt++) Thread.Sleep(100);
        }
        catch (Exception e) when (ClusterConnection.IsUnreachable(e))
        {
            // The store is down: the trial's worker will find it cancelled, or the job expires.
        }
    }

    private TrialReport? Report(Guid id)
    {
        try
        {
            using var connection = _cluster.Open();
            using var select = new NpgsqlCommand($"SELECT result FROM {ClusterSchema.Name}.trials WHERE id = @id AND status = 'done'", connection);
            select.Parameters.AddWithValue("id", id);
            return select.ExecuteScalar() is string json ? TrialReport.FromJson(json) : null;
        }
        catch (Exception e) when (ClusterConnection.IsUnreachable(e))
        {
            return null; // the store is restarting: read again on the next round
        }
    }

    /// <summary>LISTENs for finished trials, reconnecting when the server goes away.</summary>
    private void Listen()
    {
        while (!_closing.IsCancellationRequested)
        {
            try
            {
                using var connection = _cluster.Open();
                connection.Notification += (_, e) =>
                {
                    if (Guid.TryParse(e.Payload, out var id) && _waiting.TryGetValue(id, out var waiter)) waiter.TrySetResult();
                };
                using (var listen = new NpgsqlCommand($"LISTEN {ClusterSchema.TrialChannel}", connection)) listen.ExecuteNonQuery();
                while (!_closing.IsCancellationRequested) connection.Wait(TimeSpan.FromSeconds(1));
            }
            catch (Exception e) when (ClusterConnection.IsUnreachable(e) || e is InvalidOperationException)
            {
                _closing.Token.WaitHandle.WaitOne(TimeSpan.FromSeconds(1));
            }
        }
    }

    public void Dispose()
    {
        _closing.Cancel();
        _listener.Join(TimeSpan.FromSeconds(3));
        _closing.Dispose();
    }
}
