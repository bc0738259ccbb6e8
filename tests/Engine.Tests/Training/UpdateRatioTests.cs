using NotebookDL.Data;
using NotebookDL.Training;

namespace NotebookDL.Tests.Training;

/// <summary>
/// The trainer logs the lecture's babysitting ratio ‖ΔW‖/‖W‖ of each weight matrix at the end of every epoch: about
/// 1e-3 is healthy, orders of magnitude below means the learning rate is far too low.
/// </summary>
public class UpdateRatioTests
{
    private static readonly DatasetSplits Digits = NotebookDL.Data.Digits.Prepared();

    private static TrainingHistory Train(TrainOptions options) =>
        new Trainer().Train(Mlp.Create(new MlpOptions { InputSize = 64, Classes = 10, Hidden = [50] }), Digits.Train, Digits.Val, options);

    [Fact]
    public void Every_epoch_logs_one_finite_positive_ratio_per_weight_matrix()
    {
        var history = Train(new TrainOptions { Epochs = 3 });
        Assert.Equal(3, history.Epochs.Count);
        Assert.All(history.Epochs, e =>
        {
            Assert.Equal(2, e.UpdateRatios!.Count); // W[1] (64, 50) and W[2] (50, 10)
            Assert.All(e.UpdateRatios, r => Assert.True(r > 0 && double.IsFinite(r), $"ratio {r}"));
        });
    }

    [Fact]
    public void A_first_full_batch_sgd_step_moves_the_weights_in_proportion_to_the_learning_rate()
    {
        // One epoch of one full batch: ΔW = −lr·dW from the same weights and the same gradient, so the ratio is lr·‖dW‖/‖W‖.
        TrainOptions Run(double lr) => new() { Epochs = 1, BatchSize = Digits.Train.Count, LearningRate = lr };
        var slow = Train(Run(1e-3)).Epochs[0].UpdateRatios!;
        var fast = Train(Run(1e-1)).Epochs[0].UpdateRatios!;
        for (int i = 0; i < slow.Count; i++) Assert.Equal(100, fast[i] / slow[i], 6);
    }

    [Fact]
    public void At_lr_1e_6_the_updates_are_orders_of_magnitude_below_the_rule_of_thumb()
    {
        var ratios = Train(new TrainOptions { Epochs = 2, LearningRate = 1e-6 }).Epochs[^1].UpdateRatios!;
        Assert.All(ratios, r => Assert.True(r < ParameterUpdate.HealthyRatio / 100, $"update/weight {r:G3} at lr 1e-6"));
    }

    [Fact]
    public void The_ratios_survive_the_history_s_json()
    {
        var history = Train(new TrainOptions { Epochs = 1 });
        var back = TrainingHistory.FromJson(history.ToJson());
        Assert.Equal(history.Epochs[0].UpdateRatios!, back.Epochs[0].UpdateRatios!);
    }
}
