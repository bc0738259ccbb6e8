using NotebookDL.Cluster;
using NotebookDL.Extension.Session;
using NotebookDL.Tests.Cluster;

namespace NotebookDL.Tests.Extension;

/// <summary>#!search --cluster: the trials run on worker processes through Hangfire on PostgreSQL, as the local search's.</summary>
[Collection("notebook state")]
public class ClusterSearchCommandTests(ClusterFixture cluster) : IClassFixture<ClusterFixture>
{
    private const string Line = "#!search --trials 6 --epochs 2 --lr log:1e-3..1 --reg log:1e-5..1 --hidden 20 --seed 5";

    [SkippableFact]
    public async Task A_search_with_cluster_env_runs_on_the_workers_and_gives_the_local_trials_bit_for_bit()
    {
        cluster.RequireServer();
        cluster.StartWorker("lab-1");
        cluster.StartWorker("lab-2");
        cluster.WaitForWorkers(2);
        var previous = Environment.GetEnvironmentVariable(ClusterConnection.EnvironmentVariable);
        Environment.SetEnvironmentVariable(ClusterConnection.EnvironmentVariable, cluster.ConnectionString);
        using var kernel = new NotebookKernel();
        try
        {
            var local = await kernel.SubmitAsync(Line + " --as local");
            Assert.True(local.Succeeded, local.Describe());
            var remote = await kernel.SubmitAsync(Line + " --cluster env --as remote");
            Assert.True(remote.Succeeded, remote.Describe());
            var l = kernel.Variable<SearchRun>("local").Result.Trials;
            var r = kernel.Variable<SearchRun>("remote").Result.Trials;
            Assert.Equal(6, r.Count);
            Assert.All(l.Zip(r), p => Assert.True(p.First.SameOutcomeAs(p.Second), $"trial {p.First.Index + 1} differs"));
            Assert.All(r, t => Assert.Contains(t.Worker, new[] { "lab-1", "lab-2" }));
            Assert.Contains(">worker<", remote.Html); // the trials table names who ran each
            Assert.Contains("--cluster env", remote.Html);
            var password = new Npgsql.NpgsqlConnectionStringBuilder(cluster.ConnectionString).Password!;
            Assert.DoesNotContain(password, remote.Html);
            Assert.DoesNotContain(password, kernel.Variable<SearchRun>("remote").ToString());
        }
        finally
        {
            Environment.SetEnvironmentVariable(ClusterConnection.EnvironmentVariable, previous);
        }
    }

    [Fact]
    public async Task An_unreachable_cluster_is_a_clear_error_that_never_shows_the_password()
    {
        using var kernel = new NotebookKernel();
        var cell = await kernel.SubmitAsync("#!search --trials 2 --lr log:1e-3..1 --cluster \"Host=127.0.0.1;Port=9;Username=teacher;Password=Sup3rSecret;Database=lab;Timeout=3\"");
        Assert.False(cell.Succeeded);
        Assert.StartsWith("#!search: --cluster: cannot reach Host=127.0.0.1;Port=9;Username=teacher;Database=lab", cell.Failure!.Message);
        Assert.DoesNotContain("Sup3rSecret", cell.Failure.Message);
    }

    [Fact]
    public async Task Cluster_env_without_the_variable_says_which_variable()
    {
        var previous = Environment.GetEnvironmentVariable(ClusterConnection.EnvironmentVariable);
        Environment.SetEnvironmentVariable(ClusterConnection.EnvironmentVariable, null);
        using var kernel = new NotebookKernel();
        try
        {
            var cell = await kernel.SubmitAsync("#!search --trials 2 --lr log:1e-3..1 --cluster env");
            Assert.False(cell.Succeeded);
            Assert.Contains($"--cluster env reads {ClusterConnection.EnvironmentVariable}, which is not set", cell.Failure!.Message);
        }
        finally
        {
            Environment.SetEnvironmentVariable(ClusterConnection.EnvironmentVariable, previous);
        }
    }
}
