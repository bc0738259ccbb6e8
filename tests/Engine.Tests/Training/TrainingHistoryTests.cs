using NotebookDL.Training;

namespace NotebookDL.Tests.Training;

public class TrainingHistoryTests
{
    private static TrainingHistory Sample() => new()
    {
        EpochsRequested = 10,
        IterationsPerEpoch = 2,
        Costs = [2.302, 2.1, 1.9, double.NaN],
        InitialCost = 2.302,
        Epochs = [new EpochSummary(1, 2.3024, 0.12, 0.11, 1e-3, 0.5)],
        StopReason = StopReason.NotFinite,
        StopMessage = "cost is NaN at iteration 4: the learning rate is probably too high",
        Elapsed = TimeSpan.FromSeconds(1.3),
        SnapshotEpochs = [1.0],
    };

    [Fact]
    public void An_epoch_line_reads_like_the_lecture_s_log()
    {
        Assert.Equal("epoch 1 / 10: cost 2.302, train acc 0.12, val acc 0.11, lr 1.0e-03", Sample().Epochs[0].Format(10));
        Assert.Equal("epoch 3 / 5: cost 0.500, lr 3.0e-02", new EpochSummary(3, 0.5, null, null, 0.03, 2).Format(5));
    }

    [Fact]
    public void An_exploding_cost_is_written_in_e_notation_not_as_80_digits()
    {
        Assert.Equal("epoch 1 / 10: cost 1.476e+78, lr 1.0e+06", new EpochSummary(1, 1.476374970793892e78, null, null, 1e6, 0.1).Format(10));
        Assert.Equal("epoch 2 / 10: cost 999999.000, lr 1.0e+06", new EpochSummary(2, 999_999, null, null, 1e6, 0.1).Format(10));
    }

    [Fact]
    public void ToString_lists_the_epochs_and_why_the_run_stopped()
    {
        var text = Sample().ToString();
        Assert.Contains("epoch 1 / 10: cost 2.302, train acc 0.12, val acc 0.11, lr 1.0e-03", text);
        Assert.Contains("best val acc 0.110 at epoch 1", text);
        Assert.EndsWith("cost is NaN at iteration 4: the learning rate is probably too high (4 iterations, 1.3 s)", text);
    }

    [Fact]
    public void Json_round_trips_including_a_NaN_cost()
    {
        var h = Sample();
        var back = TrainingHistory.FromJson(h.ToJson());
        Assert.Equal(h.Costs, back.Costs);
        Assert.True(double.IsNaN(back.Costs[^1]));
        Assert.Equal(h.Epochs, back.Epochs);
        Assert.Equal((h.StopReason, h.StopMessage, h.Elapsed, h.InitialCost), (back.StopReason, back.StopMessage, back.Elapsed, back.InitialCost));
        Assert.Equal(h.SnapshotEpochs, back.SnapshotEpochs);
        Assert.Equal(h.ToString(), back.ToString());
        Assert.Contains("\"StopReason\": \"NotFinite\"", h.ToJson());
    }

    [Fact]
    public void The_best_epoch_is_the_first_with_the_highest_val_accuracy()
    {
        var h = new TrainingHistory
        {
            Epochs = [new(1, 2, 0.3, 0.30, 1e-3, 1), new(2, 1.5, 0.5, 0.42, 1e-3, 2), new(3, 1.2, 0.6, 0.42, 1e-3, 3), new(4, 1, 0.7, 0.40, 1e-3, 4)],
        };
        Assert.Equal(0.42, h.BestValAccuracy);
        Assert.Equal(2, h.BestEpoch);
        Assert.Null(new TrainingHistory().BestEpoch);
    }
}
