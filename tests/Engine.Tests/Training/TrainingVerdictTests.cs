using NotebookDL.Training;

namespace NotebookDL.Tests.Training;

/// <summary>The verdict's readings on hand-made histories: each rule, and the one next to it.</summary>
public class TrainingVerdictTests
{
    private static TrainingHistory History(double[] costs, double? train = null, double? val = null, int perEpoch = 2) => new()
    {
        Costs = [.. costs],
        IterationsPerEpoch = perEpoch,
        InitialCost = costs.Length > 0 ? costs[0] : double.NaN,
        Epochs = train is null ? [] : [new EpochSummary(1, costs[^1], train, val, 1e-3, 1)],
    };

    [Fact]
    public void The_lecture_s_2_3026_to_2_3024_is_a_learning_rate_too_low()
    {
        var v = TrainingVerdict.Of(History([2.3026, 2.3026, 2.3025, 2.3024], 0.2, 0.19, perEpoch: 1));
        Assert.Equal(Diagnosis.LearningRateTooLow, v.Kind);
        Assert.StartsWith("cost 2.3026 → 2.3024 (-0.0087% over the run)", v.Message);
    }

    [Fact]
    public void A_cost_that_rises_means_a_learning_rate_too_high()
    {
        Assert.Equal(Diagnosis.LearningRateTooHigh, TrainingVerdict.Of(History([2.3, 2.4, 2.9, 3.5])).Kind);
    }

    [Fact]
    public void An_infinite_cost_means_a_learning_rate_too_high()
    {
        Assert.Equal(Diagnosis.LearningRateTooHigh, TrainingVerdict.Of(History([2.3, 1.9, double.PositiveInfinity])).Kind);
    }

    [Fact]
    public void A_gap_above_0_15_is_overfitting()
    {
        var v = TrainingVerdict.Of(History([2.3, 2.0, 1.0, 0.5], train: 0.95, val: 0.60));
        Assert.Equal(Diagnosis.Overfitting, v.Kind);
        Assert.Contains("increase regularisation", v.Message);
        Assert.Equal(Diagnosis.Healthy, TrainingVerdict.Of(History([2.3, 2.0, 1.0, 0.5], train: 0.95, val: 0.85)).Kind);
        // A moderate gap at low train accuracy is a bias problem first: still falling, so train longer.
        Assert.Equal(Diagnosis.TrainLonger, TrainingVerdict.Of(History([2.3, 2.0, 1.0, 0.5], train: 0.70, val: 0.60)).Kind);
    }

    [Fact]
    public void No_gap_at_low_accuracy_once_the_cost_has_flattened_asks_for_more_capacity()
    {
        var v = TrainingVerdict.Of(History([2.3, 2.0, 1.81, 1.80, 1.80, 1.80], train: 0.40, val: 0.39));
        Assert.Equal(Diagnosis.Underfitting, v.Kind);
        Assert.Contains("increase model capacity", v.Message);
        Assert.Equal(Diagnosis.Healthy, TrainingVerdict.Of(History([2.3, 2.0, 0.2, 0.1], train: 0.97, val: 0.96)).Kind);
    }

    [Fact]
    public void No_gap_at_low_accuracy_while_the_cost_still_falls_asks_to_train_longer()
    {
        var v = TrainingVerdict.Of(History([2.3, 2.0, 1.9, 1.8], train: 0.40, val: 0.39));
        Assert.Equal(Diagnosis.TrainLonger, v.Kind);
        // The trend of the second half, 1.9 → 1.8, is −0.1 an iteration, −0.2 over its two iterations, from a start of 1.9.
        Assert.Contains("still falling (11% over the second half of the run)", v.Message);
        Assert.Equal(0.2 / 1.9, v.Evidence!.SecondHalfFall!.Value, 12);
    }

    [Fact]
    public void Updates_far_below_1e_3_at_chance_accuracy_mean_a_learning_rate_far_too_low()
    {
        // CIFAR-10 at lr 1e-6 (measured): the cost falls 3.38 → 3.21 over 5 epochs, but the weights move by ~1e-5 of their size.
        var h = History([3.38, 3.33, 3.29, 3.25, 3.21, 3.20], train: 0.10, val: 0.09);
        h.Classes = 10;
        h.Epochs[0] = h.Epochs[0] with { UpdateRatios = [4.5e-6, 1.1e-4] };
        var v = TrainingVerdict.Of(h);
        Assert.Equal(Diagnosis.LearningRateTooLow, v.Kind);
        Assert.StartsWith("update/weight 2.2e-05 (rule of thumb ~1e-3), train acc 0.10 ≈ chance 0.10", v.Message);
        // The same numbers with healthy updates are not a learning rate problem.
        h.Epochs[0] = h.Epochs[0] with { UpdateRatios = [2e-3, 6e-2] };
        Assert.NotEqual(Diagnosis.LearningRateTooLow, TrainingVerdict.Of(h).Kind);
    }

    [Fact]
    public void A_blown_up_cost_prints_in_e_notation()
    {
        var v = TrainingVerdict.Of(History([1.5e200, 2e200, 3e210, 4e220]));
        Assert.Equal(Diagnosis.LearningRateTooHigh, v.Kind);
        Assert.StartsWith("cost 1.75e+200 → 2e+220", v.Message);
    }

    [Fact]
    public void One_iteration_is_too_short_to_judge()
    {
        Assert.Equal(Diagnosis.TooShort, TrainingVerdict.Of(History([2.3])).Kind);
    }
}
