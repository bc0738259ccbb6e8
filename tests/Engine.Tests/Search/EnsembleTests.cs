using NotebookDL.Ensembles;
using NotebookDL.Losses;
using NotebookDL.Training;

namespace NotebookDL.Tests.Search;

/// <summary>Average the predicted distributions of several models; snapshot ensembles from one run with warm restarts.</summary>
public class EnsembleTests
{
    [Fact]
    public void An_ensemble_averages_its_members_predicted_distributions()
    {
        var nets = new[] { 1, 2, 3 }.Select(seed => Mlp.Create(SearchData.Net with { Seed = seed })).ToArray();
        foreach (var (net, i) in nets.Select((n, i) => (n, i)))
            new Trainer().Train(net, SearchData.Train, null, SearchData.Sgd with { LearningRate = 0.1, Seed = i });
        var ensemble = new Ensemble(nets);
        var x = SearchData.Val.X;
        var p = ensemble.PredictProbabilities(x);
        var expected = (nets[0].PredictProbabilities(x) + nets[1].PredictProbabilities(x) + nets[2].PredictProbabilities(x)) / 3;
        Assert.True((p - expected).Enumerate().All(d => Math.Abs(d) < 1e-15));
        Assert.All(Enumerable.Range(0, x.RowCount), i => Assert.Equal(1.0, p.Row(i).Sum(), 12));
        Assert.Equal(Softmax.ArgmaxRows(expected), ensemble.Predict(x));

        var report = ensemble.Evaluate(SearchData.Val);
        Assert.Equal(report.MemberAccuracies[0], report.AccuracyByMembers[0]);
        Assert.Equal(ensemble.Accuracy(x, SearchData.Val.Labels), report.EnsembleAccuracy);
        Assert.Equal(report.EnsembleAccuracy - report.MemberAccuracies.Max(), report.Gain);
        Assert.Equal(report.EnsembleAccuracy - report.MemberAccuracies.Average(), report.GainOverMean);
        Assert.Contains("vs the average model", report.Summary());
    }

    [Fact]
    public void Independent_models_train_in_parallel_with_their_own_seeds_and_the_same_result_on_1_or_2_workers()
    {
        var training = SearchData.Sgd with { LearningRate = 0.1, Epochs = 2 };
        var one = IndependentEnsemble.Train(SearchData.Net, training, 3, SearchData.Train, SearchData.Val, workers: 1);
        var two = IndependentEnsemble.Train(SearchData.Net, training, 3, SearchData.Train, SearchData.Val, workers: 2);
        Assert.Equal(3, one.Ensemble.Members.Count);
        Assert.Equal(3, one.Ensemble.Names.Distinct().Count());
        Assert.Equal(one.Report.MemberAccuracies, two.Report.MemberAccuracies);
        Assert.Equal(one.Report.EnsembleAccuracy, two.Report.EnsembleAccuracy);
        Assert.Equal(3, one.Histories.Count);
    }

    [Fact]
    public void A_snapshot_ensemble_keeps_a_model_at_the_end_of_each_cosine_cycle()
    {
        var run = SnapshotEnsemble.Train(SearchData.Net, SearchData.Sgd with { LearningRate = 0.2 }, cycles: 3, cycleEpochs: 2, SearchData.Train, SearchData.Val);
        Assert.Equal(["snapshot at epoch 2", "snapshot at epoch 4", "snapshot at epoch 6"], run.Ensemble.Names);
        Assert.Equal([30.0, 60.0, 90.0], run.SnapshotIterations);
        // The sawtooth: lr0 at each restart, near 0 just before it.
        Assert.Equal(0.2, run.LearningRates[0], 12);
        Assert.Equal(0.2, run.LearningRates[30], 12);
        Assert.True(run.LearningRates[29] < 0.001);
        Assert.All(run.Report.MemberAccuracies, a => Assert.True(a > 0.7, run.Report.ToString()));
        Assert.Equal(run.Report.EnsembleAccuracy - run.Report.BestSingle, run.Report.Gain);
    }

    [Fact]
    public void An_empty_ensemble_or_mismatched_models_are_refused()
    {
        Assert.Throws<ArgumentException>(() => new Ensemble([]));
        var e = Assert.Throws<ArgumentException>(() => new Ensemble([Mlp.Create(SearchData.Net), Mlp.Create(SearchData.Net with { InputSize = 3 })]));
        Assert.Contains("must take 64 inputs", e.Message);
    }
}
