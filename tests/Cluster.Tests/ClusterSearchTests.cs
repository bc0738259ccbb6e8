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
        var remote = new HyperparameterSearch().Run(Space, search.Trials(Net, Sgd, Digits.Value.Train, Digits.Value.Val!), options);
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
