using System.Diagnostics;
using Npgsql;
using NotebookDL.Cluster;
using NotebookDL.Data;
using NotebookDL.Search;
using NotebookDL.Training;

namespace NotebookDL.Tests.Cluster;

/// <summary>
/// A worker connects as a role that has only what it uses (notebookdl-worker --setup --grant-worker ROLE): it runs
/// trials, and cannot file trials, store data or change the schema.
/// </summary>
public class WorkerRoleTests(ClusterFixture cluster) : IClassFixture<ClusterFixture>
{
    [SkippableFact]
    public void A_worker_of_a_restricted_role_runs_trials_but_cannot_store_data_or_change_the_schema()
    {
        cluster.RequireServer();
        var role = $"lab_worker_{Guid.NewGuid():N}"[..30];
        var password = Guid.NewGuid().ToString("N");
        Sql($"CREATE ROLE {role} LOGIN PASSWORD '{password}'; GRANT CONNECT ON DATABASE {cluster.Database} TO {role};");
        try
        {
            var setup = Run(ClusterFixture.WorkerDll, "--storage", cluster.ConnectionString, "--setup", "--grant-worker", role);
            Assert.True(setup.Code == 0, setup.Output);
            Assert.Contains($"role {role} may run trials", setup.Output);
            Assert.DoesNotContain(new NpgsqlConnectionStringBuilder(cluster.ConnectionString).Password!, setup.Output);

            var workerString = new NpgsqlConnectionStringBuilder(cluster.ConnectionString) { Username = role, Password = password }.ConnectionString;
            cluster.StartWorker("restricted", connectionString: workerString);
            cluster.WaitForWorkers(1);
            using var search = new ClusterSearch(cluster.Cluster, "roles");
            var space = new SearchSpace(Hyperparameter.Parse("lr", "log:1e-2..1"));
            var splits = Split.Random(Spiral.Create(30, 3, seed: 1), val: 18, seed: 0);
            var net = new MlpOptions { InputSize = 2, Classes = 3, Hidden = [10] };
            var training = new TrainOptions { Epochs = 3 };
            var options = new SearchOptions { Trials = 2, Seed = 7, Workers = 2 };
            var remote = new HyperparameterSearch().Run(space, search.Trials(space, net, training, splits.Train, splits.Val!), options);
            var local = new HyperparameterSearch().Run(space, MlpTrial.Create(space, net, training, splits.Train, splits.Val!), options with { Workers = 1 });
            Assert.All(local.Trials.Zip(remote.Trials), p => Assert.True(p.First.SameOutcomeAs(p.Second)));
            Assert.All(remote.Trials, t => Assert.Equal("restricted", t.Worker));

            using var asWorker = new NpgsqlConnection(workerString);
            asWorker.Open();
            foreach (var forbidden in new[]
                     {
                         $"INSERT INTO {ClusterSchema.Name}.datasets (hash, part, parts, bytes) VALUES ('x', 0, 1, '')",
                         $"INSERT INTO {ClusterSchema.Name}.trials (id, study, spec) VALUES (gen_random_uuid(), 's', '{{}}')",
                         $"DROP TABLE {ClusterSchema.Name}.trials",
                         $"CREATE TABLE {ClusterSchema.Name}.mine (x int)",
                     })
            {
                using var command = new NpgsqlCommand(forbidden, asWorker);
                var e = Assert.Throws<PostgresException>(() => command.ExecuteNonQuery());
                Assert.True(e.SqlState == "42501", $"{forbidden}: {e.SqlState} {e.MessageText}"); // insufficient privilege
            }
        }
        finally
        {
            cluster.StopWorkers();
            NpgsqlConnection.ClearAllPools();
            Sql($"GRANT {role} TO CURRENT_USER; DROP OWNED BY {role}; DROP ROLE {role};"); // a member may drop what the role was granted
        }
    }

    private void Sql(string sql)
    {
        using var connection = cluster.Cluster.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    private static (int Code, string Output) Run(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, output.Result + errors.Result);
    }
}
