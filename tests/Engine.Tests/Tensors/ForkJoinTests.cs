using NotebookDL.Tensors;

namespace NotebookDL.Tests.Tensors;

/// <summary>The GEMM's allocation-free parallel loop: every item once, errors surface, nothing allocated.</summary>
public class ForkJoinTests
{
    private sealed class Counting(int count) : IWorkItems
    {
        public readonly int[] Runs = new int[count];
        public void Run(int item)
        {
            Interlocked.Increment(ref Runs[item]);
            Thread.SpinWait(200); // long enough for a helper to take some items
        }
    }

    [Fact]
    public void A_thousand_calls_of_7_items_on_2_threads_run_every_item_exactly_once()
    {
        var work = new Counting(7);
        for (int call = 0; call < 1000; call++) ForkJoin.For(7, 2, work);
        Assert.All(work.Runs, runs => Assert.Equal(1000, runs));
    }

    [Fact]
    public void Calls_from_several_threads_at_once_each_run_their_own_items()
    {
        var works = Enumerable.Range(0, 4).Select(_ => new Counting(5)).ToArray();
        Parallel.For(0, works.Length, w => { for (int call = 0; call < 200; call++) ForkJoin.For(5, 2, works[w]); });
        Assert.All(works, w => Assert.All(w.Runs, runs => Assert.Equal(200, runs)));
    }

    private sealed class Throwing : IWorkItems
    {
        public void Run(int item)
        {
            if (item == 3) throw new InvalidOperationException("item 3 failed");
        }
    }

    [Fact]
    public void An_item_s_exception_reaches_the_caller_and_the_next_call_still_works()
    {
        var e = Assert.Throws<InvalidOperationException>(() => ForkJoin.For(8, 2, new Throwing()));
        Assert.Equal("item 3 failed", e.Message);
        var work = new Counting(8);
        ForkJoin.For(8, 2, work);
        Assert.All(work.Runs, runs => Assert.Equal(1, runs));
    }

    [Fact]
    public void After_the_first_call_a_call_allocates_nothing_on_the_calling_thread()
    {
        var work = new Counting(6);
        ForkJoin.For(6, 2, work);
        // The quietest of five runs of 20 calls: the thread pool's queue, shared with the tests running
        // alongside, may grow once while a helper is queued; an allocation of ForkJoin's would show in each run.
        long least = long.MaxValue;
        for (int run = 0; run < 5; run++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int call = 0; call < 20; call++) ForkJoin.For(6, 2, work);
            least = Math.Min(least, GC.GetAllocatedBytesForCurrentThread() - before);
        }
        Assert.Equal(0, least);
    }
}
