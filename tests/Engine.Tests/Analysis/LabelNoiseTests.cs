using NotebookDL.Analysis;
using NotebookDL.Data;
using NotebookDL.Data.Preprocessing;

namespace NotebookDL.Tests.Analysis;

public sealed class LabelNoiseTests
{
    private static readonly DatasetSplits DigitSplits = Pipeline.Parse("mean,std").FitTransform(Split.Random(Digits.Load(), val: 300, seed: 0));

    [Fact]
    public void Random_noise_changes_20_percent_of_the_labels_each_to_another_class_and_leaves_the_rest()
    {
        var train = DigitSplits.Train;
        var noisy = LabelNoise.Random(train, 0.2, seed: 3);
        Assert.Equal((int)Math.Round(0.2 * train.Count), noisy.Flipped.Count);
        var flipped = noisy.Flipped.ToHashSet();
        for (int i = 0; i < train.Count; i++)
            Assert.Equal(flipped.Contains(i), noisy.Data.Labels[i] != train.Labels[i]);
        Assert.Same(train.X, noisy.Data.X);
        // Spread over every wrong class, not one rule.
        Assert.True(noisy.Flipped.Select(i => (noisy.Data.Labels[i] - train.Labels[i] + 10) % 10).Distinct().Count() == 9);
        Assert.Equal(noisy.Data.Labels, LabelNoise.Random(train, 0.2, seed: 3).Data.Labels);
        Assert.NotEqual(noisy.Data.Labels, LabelNoise.Random(train, 0.2, seed: 4).Data.Labels);
    }

    [Fact]
    public void Systematic_noise_relabels_whole_classes_as_the_next_class()
    {
        var train = DigitSplits.Train;
        var noisy = LabelNoise.Systematic(train, 0.2, seed: 0);
        Assert.Equal((int)Math.Round(0.2 * train.Count), noisy.Flipped.Count);
        Assert.All(noisy.Flipped, i => Assert.Equal((train.Labels[i] + 1) % 10, noisy.Data.Labels[i]));
        // About 150 examples per class: 299 wrong labels are one whole class and most of a second.
        var touched = noisy.Flipped.Select(i => train.Labels[i]).Distinct().ToArray();
        Assert.Equal(2, touched.Length);
        var whole = touched.Single(c => noisy.Flipped.Count(i => train.Labels[i] == c) == train.Labels.Count(l => l == c));
        Assert.DoesNotContain(whole, noisy.Data.Labels);
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void A_rate_outside_0_1_is_refused(double rate)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => LabelNoise.Random(DigitSplits.Train, rate));
        Assert.Contains("noise rate", e.Message);
    }

    [Fact]
    public void Random_label_noise_hurts_the_dev_error_far_less_than_systematic_noise()
    {
        var result = new LabelNoiseExperiment().Run(DigitSplits.Train, DigitSplits.Val!, new ExperimentOptions(), rates: [0.2]);
        var random = result.Trial(NoiseKind.Random, 0.2);
        var systematic = result.Trial(NoiseKind.Systematic, 0.2);
        Assert.Null(result.StopMessage);
        Assert.True(result.CleanDevError < 0.1, result.ToString());
        Assert.True(result.Harm(random) < 0.05, result.ToString());
        Assert.True(result.Harm(systematic) > 0.12, result.ToString());
        Assert.True(result.Harm(systematic) > 3 * Math.Max(result.Harm(random), 0.01), result.ToString());
        Assert.Contains("random noise hurts far less than systematic noise", result.Verdict);
    }

    [Fact]
    public void A_time_budget_stops_the_experiment_and_says_so()
    {
        var options = new ExperimentOptions { MaxDuration = TimeSpan.FromMilliseconds(1) };
        var result = new LabelNoiseExperiment().Run(DigitSplits.Train, DigitSplits.Val!, options, rates: [0.2]);
        Assert.NotNull(result.StopMessage);
        Assert.Contains("time budget", result.StopMessage);
        Assert.Contains("incomplete", result.Verdict);
        Assert.Equal(0, result.Trials[^1].History.Iterations);
    }
}
