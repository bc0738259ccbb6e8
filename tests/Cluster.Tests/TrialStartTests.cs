using Npgsql;
using NotebookDL.Cluster;

namespace NotebookDL.Tests.Cluster;

/// <summary>
/// A job that starts as its trial is cancelled: the worker marks the trial running and reads its spec in one
/// statement, so a cancel that gets there first is never overwritten by 'running'.
/// </summary>
public class TrialStartTests(ClusterFixture cluster) : IClassFixture<ClusterFixture>
{
    [SkippableFact]
    public async Task A_trial_cancelled_as_its_job_starts_stays_cancelled_and_is_not_run()
    {
        cluster.RequireServer();
        var id = Guid.NewGuid();
        using (var connection = cluster.Cluster.Open())
        {
            ClusterSchema.Ensure(connection);
            using var insert = new NpgsqlCommand(
                $"INSERT INTO {ClusterSchema.Name}.trials (id, study, spec) VALUES (@id, 'start-race', 'no spec: the job must not get as far as reading it')", connection);
            insert.Parameters.AddWithValue("id", id);
            insert.ExecuteNonQuery();
        }
        // The notebook's cancel, caught half-way: its update holds the trial's row until it commits.
        using var notebook = cluster.Cluster.Open();
        using var cancel = notebook.BeginTransaction();
        using (var update = new NpgsqlCommand($"UPDATE {ClusterSchema.Name}.trials SET status = 'cancelled' WHERE id = @id", notebook, cancel))
        {
            update.Parameters.AddWithValue("id", id);
            update.ExecuteNonQuery();
        }
        TrialJob.Cluster = cluster.Cluster; // this process stands in for a worker
        var job = Task.Run(() => new TrialJob().Run(id, CancellationToken.None));
        await Task.Delay(500); // the job starts and waits for the row meanwhile
        Assert.False(job.IsCompleted, "the job should wait for the cancel's row lock");
        await cancel.CommitAsync();
        var ran = await Record.ExceptionAsync(() => job.WaitAsync(TimeSpan.FromSeconds(30)));
        using var status = new NpgsqlCommand($"SELECT status FROM {ClusterSchema.Name}.trials WHERE id = @id", notebook);
        status.Parameters.AddWithValue("id", id);
        Assert.Equal("cancelled", status.ExecuteScalar()); // reading the status first and then writing 'running' left 'running' here
        Assert.Null(ran);
    }
}
