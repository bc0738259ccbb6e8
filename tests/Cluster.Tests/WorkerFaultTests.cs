using Npgsql;
using NotebookDL.Cluster;
using NotebookDL.Data;
using NotebookDL.Search;
using NotebookDL.Training;
using Xunit.Abstractions;

namespace NotebookDL.Tests.Cluster;

/// <summary>A worker killed with SIGKILL in mid-trial: another worker runs the trial again and it is recorded once.</summary>
public class WorkerFaultTests(ClusterFixture cluster, ITestOutputHelper output) : IClassFixture<ClusterFixture>
{
    private static DatasetSplits Spiral => LongTrials.Spiral;
    private static MlpOptions Net => LongTrials.Net;
    private static TrainOptions Long => LongTrials.Adam(400);

    [SkippableFact]
    public async Task A_killed_workers_trial_is_run_again_by_another_and_recorded_once()
    {
        cluster.RequireServer();
        var first = cluster.StartWorker("doomed", handoverSeconds: 5);
        cluster.WaitForWorkers(1);
        using var search = new ClusterSearch(cluster.Cluster, "fault");
        var space = new SearchSpace(Hyperparameter.Parse("lr", "log:1e-3..1e-2"));
        var options = new SearchOptions { Trials = 1, Seed = 9, Workers = 1 };
        var remote = Task.Run(() => new HyperparameterSearch().Run(space, search.Trials(space, Net, Long, Spiral.Train, Spiral.Val!), options));

        await WaitForStatus("running", TimeSpan.FromSeconds(60));
        first.Kill(); // SIGKILL: no goodbye, no handing back
        await first.WaitForExitAsync();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        cluster.StartWorker("survivor", handoverSeconds: 5);
        var result = await remote.WaitAsync(TimeSpan.FromMinutes(3));
        output.WriteLine($"the survivor finished the trial {clock.Elapsed.TotalSeconds:F1} s after the kill: {result.Trials[0].Line(space, 1)}");

        var local = new HyperparameterSearch().Run(space, MlpTrial.Create(space, Net, Long, Spiral.Train, Spiral.Val!), options);
        Assert.True(local.Trials[0].SameOutcomeAs(result.Trials[0]));
        Assert.Equal("survivor", result.Trials[0].Worker);
        using var connection = cluster.Cluster.Open();
        using var rows = new NpgsqlCommand($"SELECT count(*), count(*) FILTER (WHERE status = 'done') FROM {ClusterSchema.Name}.trials WHERE study = 'fault'", connection);
        using var reader = rows.ExecuteReader();
        reader.Read();
        Assert.Equal((1L, 1L), (reader.GetInt64(0), reader.GetInt64(1)));
    }

    private async Task WaitForStatus(string status, TimeSpan limit)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (clock.Elapsed < limit)
        {
            using (var connection = cluster.Cluster.Open())
            using (var select = new NpgsqlCommand($"SELECT count(*) FROM {ClusterSchema.Name}.trials WHERE status = @s", connection))
            {
                select.Parameters.AddWithValue("s", status);
                if (Convert.ToInt64(select.ExecuteScalar()) > 0) return;
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"no trial became {status} within {limit.TotalSeconds} s");
    }
}
