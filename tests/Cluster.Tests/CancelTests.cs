using System.Diagnostics;
using Npgsql;
using NotebookDL.Cluster;
using NotebookDL.Data;
using NotebookDL.Search;
using NotebookDL.Training;
using Xunit.Abstractions;

namespace NotebookDL.Tests.Cluster;

/// <summary>Cancelling a cluster search: the queued trials' jobs are deleted and the running one stops on its worker within seconds.</summary>
public class CancelTests(ClusterFixture cluster, ITestOutputHelper output) : IClassFixture<ClusterFixture>
{
    private static DatasetSplits Spiral => LongTrials.Spiral;
    private static MlpOptions Net => LongTrials.Net;
    private static TrainOptions Long => LongTrials.Adam(5000);

    [SkippableFact]
    public async Task Cancel_deletes_the_queued_jobs_and_stops_the_running_trial_on_its_worker()
    {
        cluster.RequireServer();
        cluster.StartWorker("busy");
        cluster.WaitForWorkers(1);
        using var search = new ClusterSearch(cluster.Cluster, "cancel");
        using var cancel = new CancellationTokenSource();
        var space = new SearchSpace(Hyperparameter.Parse("lr", "log:1e-3..1e-2"));
        var remote = Task.Run(() => new HyperparameterSearch().Run(space, search.Trials(space, Net, Long, Spiral.Train, Spiral.Val!),
            new SearchOptions { Trials = 5, Seed = 1, Workers = 5 }, cancel.Token));
        var monitoring = cluster.Cluster.Storage().GetMonitoringApi();
        var clock = Stopwatch.StartNew();
        while (monitoring.ProcessingCount() == 0 || monitoring.EnqueuedCount(ClusterConnection.Queue) < 4)
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), "the trials were not queued and started");
            await Task.Delay(100);
        }

        clock.Restart();
        cancel.Cancel();
        var result = await remote.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(StopReason.Cancelled, result.StopReason);
        // Every trial's job, the running one's too. A full CI run saw 4 of 5 twice (not reproduced in twelve runs of
        // this test alone): the count is given a few seconds, and the jobs' states are printed if it never gets there.
        var deleting = Stopwatch.StartNew();
        while (monitoring.DeletedListCount() != 5 && deleting.Elapsed < TimeSpan.FromSeconds(5)) await Task.Delay(100);
        if (monitoring.DeletedListCount() != 5)
        {
            using var states = cluster.Cluster.Open();
            using var query = new NpgsqlCommand("SELECT j.id, j.statename, string_agg(s.name || '@' || to_char(s.createdat, 'HH24:MI:SS.MS'), ' > ' ORDER BY s.id) " +
                                                $"FROM {ClusterConnection.HangfireSchema}.job j LEFT JOIN {ClusterConnection.HangfireSchema}.state s ON s.jobid = j.id " +
                                                "GROUP BY j.id, j.statename ORDER BY j.id", states);
            using var reader = query.ExecuteReader();
            while (reader.Read()) output.WriteLine($"job {reader.GetValue(0)}: {reader.GetValue(1)} ({reader.GetValue(2)})");
        }
        Assert.Equal(5, monitoring.DeletedListCount());
        output.WriteLine($"all 5 jobs deleted {deleting.Elapsed.TotalSeconds:F1} s after the search returned");
        // The worker is free again only once the running trial stopped (it trains for minutes otherwise); then it
        // takes the deleted jobs off the queue and drops them.
        while (monitoring.EnqueuedCount(ClusterConnection.Queue) > 0 || monitoring.ProcessingCount() > 0)
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), "the worker was still busy 15 s after the cancel");
            await Task.Delay(50);
        }
        output.WriteLine($"the running trial stopped and its worker was free {clock.Elapsed.TotalSeconds:F1} s after the cancel");
        using var connection = cluster.Cluster.Open();
        using var rows = new NpgsqlCommand($"SELECT count(*) FROM {ClusterSchema.Name}.trials WHERE study = 'cancel' AND status = 'cancelled'", connection);
        Assert.Equal(5L, rows.ExecuteScalar());
    }
}
