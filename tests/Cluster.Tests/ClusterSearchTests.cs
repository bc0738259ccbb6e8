using NotebookDL.Cluster;
using NotebookDL.Data;
using NotebookDL.Data.Preprocessing;
using NotebookDL.Search;
using NotebookDL.Training;
using Xunit.Abstractions;

namespace NotebookDL.Tests.Cluster;

/// <summary>The search on worker processes through Hangfire on PostgreSQL gives the local search's trials bit for bit.</summary>
public class ClusterSearchTests(ClusterFixture cluster, ITestOutputHelper output) : IClassFixture<ClusterFixture>
{
    private static readonly Lazy<DatasetSplits> Digits = new(() => Pipeline.Parse("mean,std").FitTransform(Split.Random(NotebookDL.Data.Digits.Load(), val: 300, seed: 0)));
    private static MlpOptions Net => new() { InputSize = 64, Classes = 10, Hidden = [20], Init = NotebookDL.Init.Initializer.XavierNormal };
    private static TrainOptions Sgd => new() { Optimizer = "momentum", BatchSize = 100, Epochs = 3, TrainAccuracySamples = 200 };
    private static SearchSpace Space => new(Hyperparameter.Parse("lr", "log:1e-3..1"), Hyperparameter.Parse("reg", "log:1e-5..1e1"));

    [SkippableFact]
    public void Two_workers_give_the_local_searchs_trials_bit_for_bit_and_say_who_ran_each()
    {
        cluster.RequireServer();
        cluster.StartWorker("w1");
        cluster.StartWorker("w2");
        cluster.WaitForWorkers(2);
        var options = new SearchOptions { Trials = 8, Seed = 3, Workers = 8, KeepNetworks = 2 };
        var local = new HyperparameterSearch().Run(Space, MlpTrial.Create(Space, Net, Sgd, Digits.Value.Train, Digits.Value.Val!), options with { Workers = 1 });
        using var search = new ClusterSearch(cluster.Cluster, "bit-for-bit");
        var remote = new HyperparameterSearch().Run(Space, search.Trials(Space, Net, Sgd, Digits.Value.Train, Digits.Value.Val!), options);
        foreach (var t in remote.Trials) output.WriteLine(t.Line(Space, 8));
        Assert.Equal(8, remote.Trials.Count);
        Assert.All(local.Trials.Zip(remote.Trials), p => Assert.True(p.First.SameOutcomeAs(p.Second), $"trial {p.First.Index}: local {p.First.ValAccuracy:R}, cluster {p.Second.ValAccuracy:R}"));
        Assert.All(remote.Trials, t => Assert.Contains(t.Worker, new[] { "w1", "w2" }));
        Assert.Equal(local.Networks.Keys.Order(), remote.Networks.Keys.Order());
        foreach (var (index, net) in local.Networks)
            Assert.Equal(NetworkFile.ToJson(net), NetworkFile.ToJson(remote.Networks[index]));
    }
}

/// <summary>A cluster with no worker: the notebook hears so within seconds instead of waiting.</summary>
public class NoWorkerTests(ClusterFixture cluster) : IClassFixture<ClusterFixture>
{
    [SkippableFact]
    public void With_no_worker_running_the_search_says_so_at_once()
    {
        cluster.RequireServer();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var e = Assert.Throws<InvalidOperationException>(() => new ClusterSearch(cluster.Cluster, "nobody"));
        Assert.Contains("no worker is running on the cluster", e.Message);
        Assert.DoesNotContain("Password", e.Message);
        Assert.InRange(clock.Elapsed.TotalSeconds, 0, 10);
    }
}

/// <summary>A worker of another engine version refuses the trial, and the notebook shows why.</summary>
public class VersionMismatchTests(ClusterFixture cluster) : IClassFixture<ClusterFixture>
{
    [SkippableFact]
    public void A_worker_of_another_engine_version_refuses_the_trial_with_a_message_the_search_shows()
    {
        cluster.RequireServer();
        var folder = Directory.CreateTempSubdirectory("notebookdl-worker-9.9.9-");
        try
        {
            cluster.StartWorker("old-lab", dll: ClusterFixture.BuildWorker("9.9.9", folder.FullName));
            cluster.WaitForWorkers(1);
            using var search = new ClusterSearch(cluster.Cluster, "versions");
            var space = new SearchSpace(Hyperparameter.Parse("lr", "log:1e-2..1"));
            var splits = Split.Random(Spiral.Create(20, 3, seed: 1), val: 12, seed: 0);
            var net = new MlpOptions { InputSize = 2, Classes = 3, Hidden = [5] };
            var result = new HyperparameterSearch().Run(space, search.Trials(space, net, new TrainOptions { Epochs = 1 }, splits.Train, splits.Val!), new SearchOptions { Trials = 1 });
            var trial = Assert.Single(result.Trials);
            Assert.Equal(TrialStatus.Failed, trial.Status);
            Assert.Equal($"worker old-lab runs engine 9.9.9, the notebook {TrialSpec.CurrentEngineVersion}: update one of them so both run the same engine", trial.Message);
        }
        finally
        {
            cluster.StopWorkers();
            folder.Delete(recursive: true);
        }
    }
}
