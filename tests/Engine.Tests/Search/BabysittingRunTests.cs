using NotebookDL.Search;
using NotebookDL.Training;

namespace NotebookDL.Tests.Search;

/// <summary>The panda: one model, paused and continued, its history kept throughout.</summary>
public class BabysittingRunTests
{
    [Fact]
    public void A_paused_run_keeps_its_history_and_continues_where_it_stopped()
    {
        var run = new BabysittingRun(Mlp.Create(SearchData.Net), SearchData.Train, SearchData.Val, SearchData.Sgd with { LearningRate = 0.1 });
        run.Continue(epochs: 2);
        Assert.Equal(2, run.EpochsDone);

        using var pause = new CancellationTokenSource();
        int seen = 0;
        run.IterationCompleted += _ => { if (++seen == 5) pause.Cancel(); };
        var paused = run.Continue(epochs: 3, pause.Token);
        Assert.Equal(StopReason.Cancelled, paused.StopReason);
        Assert.Equal(5, paused.Costs.Count);
        Assert.Equal(2, run.EpochsDone);

        run.Continue(epochs: 1);
        var h = run.History;
        Assert.Equal(3, run.EpochsDone);
        Assert.Equal([1, 2, 3], h.Epochs.Select(e => e.Epoch));
        Assert.Equal(2 * 15 + 5 + 15, h.Costs.Count);
        Assert.Equal(run.Segments[0].InitialCost, h.InitialCost);
        Assert.Equal(StopReason.Completed, h.StopReason);
        Assert.Equal("completed 3 epochs in 3 continuations", h.StopMessage);
        Assert.True(h.Epochs[^1].ValAccuracy > h.Epochs[0].ValAccuracy, h.ToString());
        // One verdict for every run: the panda's is #!train's on its joined history.
        Assert.Equal(TrainingVerdict.Of(h), run.Verdict);
        Assert.NotNull(run.Verdict.Evidence);
    }

    [Fact]
    public void A_continuation_picks_up_the_schedule_where_the_completed_epochs_left_it()
    {
        var options = SearchData.Sgd with { Schedule = NotebookDL.Schedules.Schedule.Parse("step", 0.1, decay: 0.5, every: 1) };
        var run = new BabysittingRun(Mlp.Create(SearchData.Net), SearchData.Train, null, options);
        run.Continue(epochs: 1);
        var second = run.Continue(epochs: 1);
        Assert.Equal(0.05, second.Epochs[0].LearningRate, 12);
    }
}
