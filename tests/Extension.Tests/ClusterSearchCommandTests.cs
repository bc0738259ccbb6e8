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
        using var environment = TemporaryEnvironment.With(ClusterConnection.EnvironmentVariable, cluster.ConnectionString);
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
            cluster.StopWorkers();
        }
    }

    [SkippableFact]
    public async Task Refine_save_and_the_time_budget_work_on_the_cluster_as_in_the_kernel()
    {
        cluster.RequireServer();
        cluster.StartWorker("lab-4", threads: 2);
        cluster.WaitForWorkers(1);
        using var environment = TemporaryEnvironment.With(ClusterConnection.EnvironmentVariable, cluster.ConnectionString);
        using var here = new NotebookKernel();
        using var there = new NotebookKernel();
        var csv = Path.Combine(Path.GetTempPath(), $"notebookdl-cluster-{Guid.NewGuid():N}.csv");
        try
        {
            const string First = "#!search --trials 6 --epochs 2 --lr log:1e-3..1 --hidden 20 --seed 3";
            const string Refine = "#!search --refine --top 2 --trials 4 --epochs 3 --max-seconds 60";
            Assert.True((await here.SubmitAsync(First)).Succeeded);
            Assert.True((await there.SubmitAsync(First + " --cluster env")).Succeeded);
            var local = await here.SubmitAsync(Refine + " --as refined");
            var remote = await there.SubmitAsync(Refine + $" --cluster env --save {csv} --as refined");
            Assert.True(local.Succeeded, local.Describe());
            Assert.True(remote.Succeeded, remote.Describe());
            var l = here.Variable<SearchRun>("refined").Result;
            var r = there.Variable<SearchRun>("refined").Result;
            Assert.Equal(2, r.Options.Stage);
            Assert.All(l.Trials.Zip(r.Trials), p => Assert.True(p.First.SameOutcomeAs(p.Second), $"refined trial {p.First.Index + 1} differs"));
            Assert.Equal(4, NotebookDL.Search.SearchResult.LoadCsv(csv).Trials.Count);
        }
        finally
        {
            cluster.StopWorkers();
            File.Delete(csv);
        }
    }

    [SkippableFact]
    public async Task Two_notebooks_share_a_study_and_a_third_watches_the_whole_class_live()
    {
        cluster.RequireServer();
        cluster.StartWorker("lab-3", threads: 2);
        cluster.WaitForWorkers(1);
        using var environment = TemporaryEnvironment.With(ClusterConnection.EnvironmentVariable, cluster.ConnectionString);
        using var alice = new NotebookKernel();
        using var bob = new NotebookKernel();
        using var teacher = new NotebookKernel();
        try
        {
            var watching = teacher.SubmitAsync("#!search --study class-1 --watch --cluster env --max-seconds 25 --as seen");
            var a = alice.SubmitAsync("#!search --trials 3 --epochs 2 --lr log:1e-3..1 --hidden 20 --seed 1 --cluster env --study class-1 --as mine");
            var b = bob.SubmitAsync("#!search --trials 3 --epochs 2 --lr log:1e-3..1 --hidden 20 --seed 2 --cluster env --study class-1 --as mine");
            Assert.True((await a).Succeeded, (await a).Describe());
            Assert.True((await b).Succeeded, (await b).Describe());
            var watched = await watching;
            Assert.True(watched.Succeeded, watched.Describe());
            var seen = teacher.Variable<StudySnapshot>("seen");
            Assert.Equal(6, seen.Trials.Count);
            Assert.Equal(2, seen.Notebooks.Count);
            var best = new[] { alice, bob }.Max(k => k.Variable<SearchRun>("mine").Result.Best!.ValAccuracy);
            Assert.Equal(best, seen.Best!.Result.ValAccuracy);
            Assert.Contains("study class-1: 6 finished, 0 running, 0 queued, from 2 notebooks", System.Net.WebUtility.HtmlDecode(watched.Html));
            Assert.Contains("best validation accuracy so far", watched.Html);
            // The live view was replaced in place as trials finished, not only at the end.
            Assert.True(watched.Events.OfType<Microsoft.DotNet.Interactive.Events.DisplayedValueUpdated>().Count() >= 2);
        }
        finally
        {
            cluster.StopWorkers();
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
    public async Task Code_plugged_in_with_use_cannot_travel_to_a_worker_and_the_search_says_how_to_go_on()
    {
        using var kernel = new NotebookKernel();
        var define = await kernel.SubmitAsync(CheckCommandTests.Usings +
            "var tanhBack = (Matrix<double> dout, Matrix<double> x) => Matrix<double>.Build.Dense(x.RowCount, x.ColumnCount, (i, j) => (1 - Math.Tanh(x[i, j]) * Math.Tanh(x[i, j])) * dout[i, j]);");
        Assert.True(define.Succeeded, define.Describe());
        Assert.True((await kernel.SubmitAsync("#!use tanhBack")).Succeeded);
        var cell = await kernel.SubmitAsync("#!search --trials 2 --lr log:1e-3..1 --activation tanh --cluster \"Host=127.0.0.1;Username=u;Password=p;Database=d\"");
        Assert.False(cell.Succeeded);
        Assert.StartsWith("#!search: --cluster sends the trials to other machines, which cannot run the code plugged in with #!use (", cell.Failure!.Message);
        Assert.Contains("): #!use --off first", cell.Failure.Message);
        Assert.True((await kernel.SubmitAsync("#!use --off")).Succeeded); // the way on it names exists
    }

    [Fact]
    public async Task Cluster_env_without_the_variable_says_which_variable()
    {
        using var environment = TemporaryEnvironment.With(ClusterConnection.EnvironmentVariable, null);
        using var kernel = new NotebookKernel();
        var cell = await kernel.SubmitAsync("#!search --trials 2 --lr log:1e-3..1 --cluster env");
        Assert.False(cell.Succeeded);
        Assert.Contains($"--cluster env reads {ClusterConnection.EnvironmentVariable}, which is not set", cell.Failure!.Message);
    }
}
