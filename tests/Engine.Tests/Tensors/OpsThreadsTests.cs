using NotebookDL.Tensors;

namespace NotebookDL.Tests.Tensors;

/// <summary>
/// A thread count chosen for one flow (a test, a search) holds there whatever other flows set meanwhile: tests run
/// in parallel, and one that set the process-wide bound used to change another's count in the middle of it.
/// </summary>
public class OpsThreadsTests
{
    [Fact]
    public void A_scope_holds_its_count_in_its_flow_and_the_threads_it_starts_and_nests()
    {
        using (Ops.UseThreads(2))
        {
            Assert.Equal(2, Ops.MaxThreads);
            int seenOnThread = 0;
            var thread = new Thread(() => seenOnThread = Ops.MaxThreads);
            thread.Start();
            thread.Join();
            Assert.Equal(2, seenOnThread);
            Assert.Equal(2, Task.Run(() => Ops.MaxThreads).Result);
            using (Ops.UseThreads(1)) Assert.Equal(1, Ops.MaxThreads);
            Assert.Equal(2, Ops.MaxThreads);
        }
    }

    [Fact]
    public void Another_flow_setting_its_count_does_not_change_this_one()
    {
        using var _ = Ops.UseThreads(2);
        using var inOtherFlow = new Barrier(2);
        var other = Task.Run(() =>
        {
            using (Ops.UseThreads(1)) { inOtherFlow.SignalAndWait(); inOtherFlow.SignalAndWait(); }
        });
        inOtherFlow.SignalAndWait(); // the other flow is inside its scope of 1
        Assert.Equal(2, Ops.MaxThreads);
        inOtherFlow.SignalAndWait();
        other.Wait();
        Assert.Equal(2, Ops.MaxThreads);
    }

    [Fact]
    public void A_count_below_one_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Ops.UseThreads(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Ops.MaxThreads = 0);
    }
}
