using NotebookDL.Babysitting;
using NotebookDL.Data;
using NotebookDL.Data.Preprocessing;
using NotebookDL.Init;
using NotebookDL.Tensors;
using NotebookDL.Training;

namespace NotebookDL.Tests.Babysitting;

/// <summary>The lecture's three checks before a long run, on the digits the notebooks start with.</summary>
public class SanityCheckTests
{
    /// <summary>The notebooks' default data: 1,497 digits, standardised with the training set's statistics.</summary>
    private static readonly Dataset Digits = Pipeline.Parse("mean,std").FitTransform(Split.Random(NotebookDL.Data.Digits.Load(), val: 300, seed: 0)).Train;

    private static MlpOptions SmallWeights(Dataset d, int seed = 0) => new()
    {
        InputSize = d.Features, Classes = d.Classes, Hidden = [50], Init = Initializer.Gaussian(1e-4), Seed = seed,
    };

    [Fact]
    public void With_small_weights_the_initial_cost_of_the_digits_is_ln_10_and_the_three_checks_pass()
    {
        var checks = SanityCheck.Run(SmallWeights(Digits), Digits);
        Assert.Equal(2.302585, checks.LnC, 6);
        Assert.Equal(2.3026, checks.InitialCost, 3);
        Assert.True(checks.InitialCostOk);
        Assert.True(checks.RegularizationOk);
        Assert.True(checks.OverfitOk, checks.ToString());
        Assert.True(checks.AllPassed);
        Assert.Equal(10, checks.Classes);
        Assert.Equal(200, checks.Epochs);
        Assert.StartsWith("initial cost 2.3026 vs ln C = 2.3026: pass", checks.ToString());
    }

    [Fact]
    public void L2_raises_the_cost_of_the_same_weights_by_half_lambda_times_the_sum_of_squared_weights()
    {
        var architecture = SmallWeights(Digits, seed: 4);
        var checks = SanityCheck.Run(architecture, Digits, new SanityCheckOptions { Lambda = 10, Epochs = 1, LearningRates = [0] });
        double sumOfSquares = Mlp.Create(architecture).Parameters.Where(p => p.Regularized).Sum(p => p.Value.Data().Sum(w => w * w));
        Assert.Equal(10, checks.Lambda);
        Assert.Equal(0.5 * 10 * sumOfSquares, checks.RegularizedCost - checks.InitialCost, 10);
    }

    [Fact]
    public void The_lecture_s_cifar_shaped_net_starts_at_2_30_and_l2_with_lambda_1e3_lifts_it_to_3_07()
    {
        // 0.5 · 1e3 · 153,600 weights · (1e-4)² ≈ 0.77 on top of ln 10.
        var images = Pipeline.Parse("mean").FitTransform(new DatasetSplits(SyntheticImages.Create(20))).Train;
        var checks = SanityCheck.Run(SmallWeights(images), images, new SanityCheckOptions { Epochs = 1, LearningRates = [0] });
        Assert.Equal(2.30, checks.InitialCost, 0.01);
        Assert.Equal(3.07, checks.RegularizedCost, 0.05);
    }

    [Fact]
    public void The_overfit_tries_the_rates_in_turn_and_stops_at_the_first_that_reaches_accuracy_1()
    {
        var checks = SanityCheck.Run(SmallWeights(Digits), Digits);
        var rates = checks.OverfitTries.Select(t => t.LearningRate).ToArray();
        Assert.Equal(SanityCheckOptions.DefaultLearningRates.Take(rates.Length), rates);
        Assert.True(rates.Length > 1, "the lowest rate is too low to overfit in 200 epochs");
        Assert.All(checks.OverfitTries[..^1], t => Assert.True(t.TrainAccuracy < 1));
        Assert.Equal(1.0, checks.OverfitTries[^1].TrainAccuracy);
        Assert.Equal(rates[^1], checks.OverfitLearningRate);
        Assert.Equal(1, checks.Overfit.IterationsPerEpoch); // plain SGD on one full batch of the 20
    }

    [Fact]
    public void A_rate_far_too_low_fails_the_overfit_and_the_whole_check()
    {
        var checks = SanityCheck.Run(SmallWeights(Digits), Digits, new SanityCheckOptions { Epochs = 50, LearningRates = [1e-9] });
        Assert.False(checks.OverfitOk);
        Assert.False(checks.AllPassed);
        Assert.Single(checks.OverfitTries);
        Assert.EndsWith("at lr 1E-09: fail", checks.ToString());
        // The same verdict as #!train's says why: at lr 1e-9 the cost does not move.
        Assert.Equal(Diagnosis.LearningRateTooLow, checks.OverfitVerdict.Kind);
        Assert.Contains("the learning rate is probably too low", checks.OverfitVerdict.Message);
    }

    [Fact]
    public void Progress_is_reported_before_each_rate_with_what_the_earlier_ones_reached()
    {
        var reports = new List<OverfitProgress>();
        var checks = SanityCheck.Run(SmallWeights(Digits), Digits, progress: new Collect(reports));
        Assert.Equal(checks.OverfitTries.Select(t => t.LearningRate), reports.Select(r => r.LearningRate));
        for (int i = 0; i < reports.Count; i++)
        {
            Assert.Equal(checks.OverfitTries[..i], reports[i].Tried);
            Assert.Equal(TimeSpan.FromSeconds(60), reports[i].Budget);
        }
    }

    [Fact]
    public void The_time_budget_stops_the_overfit_and_keeps_what_ran()
    {
        var checks = SanityCheck.Run(SmallWeights(Digits), Digits,
            new SanityCheckOptions { Epochs = 100_000, LearningRates = [1e-9, 1e-3], MaxDuration = TimeSpan.FromSeconds(0.3) });
        Assert.Equal(StopReason.TimeBudget, checks.Overfit.StopReason);
        Assert.Single(checks.OverfitTries); // the second rate is not tried
        Assert.True(checks.Overfit.Costs.Count > 0, "the iterations that ran are kept");
        Assert.True(checks.InitialCostOk, "the first checks are kept");
        Assert.InRange(checks.OverfitElapsed.TotalSeconds, 0.3, 30);
    }

    [Fact]
    public void Cancelling_keeps_the_checks_and_the_rates_tried_so_far()
    {
        using var cancel = new CancellationTokenSource();
        var checks = SanityCheck.Run(SmallWeights(Digits), Digits, new SanityCheckOptions { LearningRates = [1e-9, 1e-3] },
            new Collect([], r => { if (r.Tried.Count == 1) cancel.Cancel(); }), cancel.Token);
        Assert.Equal(2, checks.OverfitTries.Length);
        Assert.True(checks.OverfitTries[0].TrainAccuracy < 1, "the first rate ran its 200 epochs");
        Assert.Equal(StopReason.Cancelled, checks.Overfit.StopReason);
        Assert.Empty(checks.Overfit.Costs); // cancelled before the second rate's first mini-batch
        Assert.Equal(1e-3, checks.OverfitLearningRate);
        Assert.False(checks.OverfitOk);
        Assert.True(checks.InitialCostOk && checks.RegularizationOk);
    }

    [Fact]
    public void More_examples_than_the_data_has_or_a_net_of_the_wrong_shape_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SanityCheck.Run(SmallWeights(Digits), Digits, new SanityCheckOptions { Examples = Digits.Count + 1 }));
        Assert.Throws<ArgumentException>(() => SanityCheck.Run(SmallWeights(Digits) with { InputSize = 3 }, Digits));
        Assert.Throws<ArgumentException>(() => SanityCheck.Run(SmallWeights(Digits), Digits, new SanityCheckOptions { LearningRates = [] }));
    }

    private sealed class Collect(List<OverfitProgress> into, Action<OverfitProgress>? also = null) : IProgress<OverfitProgress>
    {
        public void Report(OverfitProgress value)
        {
            into.Add(value);
            also?.Invoke(value);
        }
    }
}
