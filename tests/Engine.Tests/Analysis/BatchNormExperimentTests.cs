using NotebookDL.Analysis;
using NotebookDL.Data;
using NotebookDL.Data.Preprocessing;
using NotebookDL.Layers;
using NotebookDL.Probes;
using NotebookDL.Training;

namespace NotebookDL.Tests.Analysis;

/// <summary>The lecture's case for batch norm: a deep net with small weights stalls without it and trains with it.</summary>
public class BatchNormExperimentTests
{
    private static readonly DatasetSplits Digits = Pipeline.Parse("mean,std").FitTransform(Split.Random(NotebookDL.Data.Digits.Load(), val: 300, seed: 0));

    private static readonly MlpOptions Deep = new() { InputSize = 64, Classes = 10, Hidden = [100, 100, 100, 100], Init = NotebookDL.Init.Initializer.Small };

    private static readonly TrainOptions Sgd = new() { Optimizer = "sgd", LearningRate = 0.05, BatchSize = 100, Epochs = 10 };

    private static double Val(TrainingHistory h) => h.Epochs[^1].ValAccuracy!.Value;

    [Fact]
    public void A_deep_net_with_small_weights_trains_with_batch_norm_and_stalls_without_it()
    {
        var r = new BatchNormExperiment().Run(Deep, Sgd, Digits.Train, Digits.Val);
        Assert.True(Val(r.NormalizedHistory) > Val(r.PlainHistory) + 0.2, $"{Val(r.PlainHistory)} without, {Val(r.NormalizedHistory)} with");
        Assert.True(Val(r.NormalizedHistory) > 0.85, $"{Val(r.NormalizedHistory)} with batch norm");
        Assert.Equal(4, r.Normalized.Layers.OfType<BatchNorm>().Count());
        Assert.DoesNotContain(r.Plain.Layers, l => l is BatchNorm);
        // Without batch norm the small weights shrink the signal layer after layer; with it each layer's spread is restored.
        Assert.True(r.PlainActivations.Rows[^1].Std < 0.1 * r.NormalizedActivations.Rows[^1].Std, $"{r.PlainActivations}\n{r.NormalizedActivations}");
    }

    [Fact]
    public void Each_run_is_announced_before_it_trains_and_reported_after_with_its_history()
    {
        var experiment = new BatchNormExperiment();
        var seen = new List<string>();
        var histories = new List<TrainingHistory>();
        int iterations = 0;
        experiment.StageStarting += s =>
        {
            seen.Add($"start {s.Index}/{s.Count} {s.Name}: {s.Network.Layers.OfType<BatchNorm>().Count()} batch norms, {s.IterationsPerEpoch} per epoch");
            s.Trainer.IterationCompleted += _ => iterations++;
        };
        experiment.StageCompleted += (s, h) =>
        {
            seen.Add($"done {s.Index}");
            histories.Add(h);
        };
        var r = experiment.Run(Deep with { Hidden = [20, 20] }, Sgd with { Epochs = 2 }, Digits.Train, Digits.Val);
        Assert.Equal(["start 1/2 without batch norm: 0 batch norms, 15 per epoch", "done 1", "start 2/2 with batch norm: 2 batch norms, 15 per epoch", "done 2"], seen);
        Assert.Same(r.PlainHistory, histories[0]);
        Assert.Same(r.NormalizedHistory, histories[1]);
        Assert.Equal(2 * 2 * 15, iterations);
    }

    [Fact]
    public void Each_run_has_half_the_time_budget_so_the_two_keep_it_and_the_second_runs_after_the_first_ran_out()
    {
        var r = new BatchNormExperiment().Run(Deep, Sgd with { Epochs = 100_000, MaxDuration = TimeSpan.FromSeconds(0.4) }, Digits.Train, Digits.Val);
        Assert.Equal(StopReason.TimeBudget, r.PlainHistory.StopReason);
        Assert.Equal(StopReason.TimeBudget, r.NormalizedHistory.StopReason);
        Assert.True(r.NormalizedHistory.Costs.Count > 0, "the run with batch norm trained too");
        // Each stops at its half (within a mini-batch), not at the whole budget: 2 x 0.2 s, where it was 2 x 0.4 s.
        Assert.Contains("0.2 s", r.PlainHistory.StopMessage);
        Assert.Contains("0.2 s", r.NormalizedHistory.StopMessage);
    }

    [Fact]
    public void Cancelling_keeps_what_ran_and_still_measures_both_networks()
    {
        using var cancel = new CancellationTokenSource();
        var experiment = new BatchNormExperiment();
        experiment.StageStarting += s => s.Trainer.IterationCompleted += i => { if (i.Iteration == 5) cancel.Cancel(); };
        var r = experiment.Run(Deep, Sgd, Digits.Train, Digits.Val, ct: cancel.Token);
        Assert.Equal(StopReason.Cancelled, r.PlainHistory.StopReason);
        Assert.Equal(5, r.PlainHistory.Costs.Count);
        Assert.Equal(StopReason.Cancelled, r.NormalizedHistory.StopReason);
        Assert.Empty(r.NormalizedHistory.Costs);
        Assert.Equal(4, r.NormalizedActivations.Rows.Count);
    }

    [Fact]
    public void The_spread_is_measured_on_500_validation_examples_and_the_batch_on_the_reference_s_first_mini_batch()
    {
        var reference = Digits.Train;
        var subset = reference.Take(300);
        var small = Deep with { Hidden = [30, 30] };
        var r = new BatchNormExperiment().Run(small, Sgd with { Epochs = 1 }, subset, Digits.Val, reference);
        var spread = ActivationStats.OfNetwork(r.Plain, Digits.Val!.Take(500).X);
        Assert.Equal(spread.Rows.Select(x => x.Std), r.PlainActivations.Rows.Select(x => x.Std));
        var batch = BatchStatistics.OfFirstBatchNorm(r.Normalized, reference.Take(100).X);
        Assert.Equal(batch.BatchMean, r.FirstLayerStatistics.BatchMean);
        Assert.Equal(100, r.FirstLayerStatistics.BatchSize);

        // Without validation data the spread is measured on the reference.
        var noVal = new BatchNormExperiment().Run(small, Sgd with { Epochs = 1 }, subset, null, reference);
        Assert.Equal(ActivationStats.OfNetwork(noVal.Plain, reference.Take(500).X).Rows.Select(x => x.Std), noVal.PlainActivations.Rows.Select(x => x.Std));
    }

    [Fact]
    public void A_net_without_hidden_layers_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new BatchNormExperiment().Run(Deep with { Hidden = [] }, Sgd, Digits.Train));
    }
}
