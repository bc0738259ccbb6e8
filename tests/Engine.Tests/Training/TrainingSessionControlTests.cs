using NotebookDL.Training;
using static NotebookDL.Tests.Training.SessionData;

namespace NotebookDL.Tests.Training;

/// <summary>Moving a session on: by epoch, to a condition, within a time budget, back to the start, past the end.</summary>
public class TrainingSessionControlTests
{
    [Fact]
    public void A_new_session_waits_before_forward_layer_1_of_the_first_batch()
    {
        var session = TrainingSession.Create(TwoLayerBatchNorm(), Train, Val, Options());
        Assert.Null(session.Current);
        Assert.Equal("forward, layer 1 of 2", session.Next.ToString());
        Assert.Equal((1, 0, 3, 2), (session.Epoch, session.Iteration, session.IterationsPerEpoch, session.LayerCount));
        Assert.Equal(["Dense 8→6 (no bias) → BatchNorm(6) → ReLU", "Dense 6→4"], session.LayerNames);
        Assert.Equal("training session: epoch 1 / 2, iteration 0 / 6 (next: a new batch, forward, layer 1 of 2)", session.ToString());
        string[] expected = ["forward, layer 1 of 2", "forward, layer 2 of 2", "loss", "backward, layer 2 of 2", "backward, layer 1 of 2", "update"];
        foreach (var step in expected)
        {
            Assert.Equal(step, session.Next.ToString());
            Assert.Equal(step, session.StepLayer().Last.ToString());
        }
        Assert.True(session.Current!.Complete);
        Assert.False(session.InBatch);
        Assert.Equal(1, session.Iteration);
    }

    [Fact]
    public void StepEpoch_runs_to_the_end_of_the_epoch_under_way_and_reports_its_log_line()
    {
        var session = TrainingSession.Create(TwoLayerBatchNorm(), Train, Val, Options(epochs: 3));
        session.StepLayer(); // part-way into batch 1
        var pause = session.StepEpoch();
        Assert.Equal(PauseReason.EpochEnded, pause.Reason);
        Assert.Equal(3, pause.Iterations);
        Assert.Equal(3, session.Iteration);
        Assert.Single(session.History.Epochs);
        Assert.StartsWith("epoch 1 / 3: cost ", pause.Message);
        Assert.Same(session.History.Epochs[0], session.Current!.EpochEnded);
        Assert.Equal(2, session.Epoch);
        session.StepEpoch();
        Assert.Equal(6, session.Iteration);
    }

    [Fact]
    public void Continue_stops_when_its_condition_holds_and_runs_nothing_when_it_already_does()
    {
        var session = TrainingSession.Create(TwoLayerBatchNorm(), Train, Val, Options(epochs: 5));
        var pause = session.Continue(StopCondition.Parse("iteration >= 4"));
        Assert.Equal(PauseReason.ConditionMet, pause.Reason);
        Assert.Equal(4, session.Iteration);
        Assert.Equal("iteration >= 4 at iteration 4 (iteration 4)", pause.Message);

        var again = session.Continue(StopCondition.Parse("epoch >= 1"));
        Assert.Equal(PauseReason.AlreadyMet, again.Reason);
        Assert.Equal(0, again.Iterations);
        Assert.Equal(4, session.Iteration);

        double first = session.History.Costs[0];
        var cost = session.Continue(StopCondition.Parse($"cost < {first * 0.9:R}"));
        Assert.True(session.History.Costs[^1] < first * 0.9 || session.Finished, cost.ToString());

        var accuracy = session.Continue(StopCondition.Parse("iteration >= 1000"));
        Assert.Equal(PauseReason.Finished, accuracy.Reason); // not reached in 15 iterations: the run ends
        Assert.Equal("completed 5 epochs", accuracy.Message);
        Assert.Equal(15, session.Iteration);
    }

    [Fact]
    public void A_time_budget_pauses_between_batches_and_the_session_goes_on_afterwards()
    {
        var session = TrainingSession.Create(TwoLayerBatchNorm(), Train, Val, Options(epochs: 10_000));
        var pause = session.Continue(maxDuration: TimeSpan.FromMilliseconds(50));
        Assert.Equal(PauseReason.TimeBudget, pause.Reason);
        Assert.False(session.InBatch);
        Assert.InRange(session.Iteration, 1, 29_999);
        int iteration = session.Iteration;
        session.Step();
        Assert.Equal(iteration + 1, session.Iteration);

        using var cts = new CancellationTokenSource();
        cts.Cancel();
        var cancelled = session.Continue(ct: cts.Token);
        Assert.Equal(PauseReason.Cancelled, cancelled.Reason);
        Assert.Equal(0, cancelled.Iterations);
    }

    [Fact]
    public void Reset_goes_back_to_the_initial_weights_and_the_same_shuffles()
    {
        foreach (var (arch, session) in new[]
        {
            (TwoLayerBatchNorm(dropout: 0.2), TrainingSession.Create(TwoLayerBatchNorm(dropout: 0.2), Train, Val, Options())), // rebuilt: dropout masks too
            (TwoLayerBatchNorm(), new TrainingSession(Mlp.Create(TwoLayerBatchNorm()), Train, Val, Options())),               // restored
        })
        {
            var initial = session.Network.Snapshot();
            var first = new[] { session.Step(), session.Step() };
            session.StepLayer();
            session.Reset();
            Assert.Null(session.Current);
            Assert.Equal(0, session.Iteration);
            Assert.Empty(session.History.Costs);
            Assert.Empty(session.Glances);
            var fresh = Mlp.Create(arch);
            fresh.Restore(initial);
            AssertBitIdentical(fresh, session.Network, "after Reset");
            var again = new[] { session.Step(), session.Step() };
            for (int k = 0; k < 2; k++)
            {
                Assert.Equal(first[k].Rows, again[k].Rows);
                Assert.Equal(first[k].Cost, again[k].Cost);
                AssertBits(first[k].Update("W[1]")!.Update!, again[k].Update("W[1]")!.Update!, "the update after Reset");
            }
        }
    }

    [Fact]
    public void A_diverging_step_is_not_applied_and_ends_the_session_saying_why()
    {
        var session = TrainingSession.Create(TwoLayerBatchNorm(), Train, Val, Options() with { LearningRate = 1e6 });
        StepRecord record;
        do record = session.Step(); while (!session.Finished);
        Assert.Contains("the learning rate is probably too high", record.StopMessage);
        Assert.All(record.Updates, u => Assert.False(u.Applied));
        var w = session.Network.Layers[0].Parameters[0].Value;
        AssertBits(record.Update("W[1]")!.Before, w, "W[1] after the refused update");
        var e = Assert.Throws<InvalidOperationException>(() => session.StepLayer());
        Assert.Contains("the session has ended (cost", e.Message);
        Assert.Contains("Reset() starts it again", e.Message);
        session.Reset();
        Assert.False(session.Finished);
    }

    [Fact]
    public void The_run_ends_after_the_last_epoch_with_the_trainer_s_message()
    {
        var session = TrainingSession.Create(TwoLayerBatchNorm(), Train, Val, Options(epochs: 1));
        var pause = session.StepEpoch();
        Assert.True(session.Finished);
        Assert.Equal("completed 1 epochs", session.History.StopMessage);
        Assert.Equal("completed 1 epochs", session.Current!.StopMessage);
        Assert.Equal(StopReason.Completed, session.History.StopReason);
        Assert.Equal(PauseReason.EpochEnded, pause.Reason);
        Assert.Throws<InvalidOperationException>(() => session.Continue());
    }

    [Fact]
    public void Conditions_on_accuracy_need_a_validation_set()
    {
        var session = TrainingSession.Create(TwoLayerBatchNorm(), Train, null, Options());
        var e = Assert.Throws<ArgumentException>(() => session.Continue(StopCondition.Parse("val acc >= 0.5")));
        Assert.Equal("'val acc >= 0.5' needs a validation set with class labels, and this session has none", e.Message);
        Assert.Equal(0, session.Iteration);
    }
}
