using System.Runtime.ExceptionServices;

namespace NotebookDL.Tensors;

/// <summary>Work cut into numbered items that may run in any order, on any thread.</summary>
internal interface IWorkItems
{
    /// <summary>Runs item <paramref name="item"/> (0-based).</summary>
    void Run(int item);
}

/// <summary>
/// <c>Parallel.For</c> without its allocations (about 2 KB a call, five calls a training step): items
/// 0 .. count-1 run on the calling thread and on up to threads - 1 thread-pool helpers, each taking the
/// next item from an interlocked counter. The caller waits only for helpers that have started: one the
/// pool starts late finds the items gone and leaves (or joins a later call), so a busy pool never stalls
/// the caller; no more helpers are queued while earlier ones wait to start, so a busy pool's queue does not
/// grow. Each calling thread keeps one reusable region, so a call allocates nothing. Which thread runs an
/// item never changes what it computes, so results do not depend on the thread count.
/// </summary>
internal static class ForkJoin
{
    [ThreadStatic] private static Region? t_region;

    /// <summary>Runs every item of <paramref name="work"/> on up to <paramref name="threads"/> threads and returns when all are done.</summary>
    public static void For(int count, int threads, IWorkItems work)
    {
        if (threads <= 1 || count <= 1)
        {
            for (int i = 0; i < count; i++) work.Run(i);
            return;
        }
        // Taken from the thread's slot while in use: a nested call on this thread makes its own.
        var region = t_region ?? new Region();
        t_region = null;
        try
        {
            region.Run(work, count, Math.Min(threads, count) - 1);
        }
        finally
        {
            t_region = region;
        }
    }

    private sealed class Region : IThreadPoolWorkItem
    {
        private readonly ManualResetEventSlim _idle = new(false);
        private IWorkItems? _work;
        private int _count, _next, _active, _open;
        private int _queued; // helpers queued that have not started yet
        private Exception? _error;

        public void Run(IWorkItems work, int count, int helpers)
        {
            (_work, _count, _next, _error) = (work, count, 0, null);
            Volatile.Write(ref _open, 1); // publishes the fields above to helpers that see it open
            // A helper still waiting to start (from an earlier call) will join this one if it starts in time.
            for (int h = Volatile.Read(ref _queued); h < helpers; h++)
            {
                Interlocked.Increment(ref _queued);
                ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
            }
            Drain();
            // Close, then wait for the helpers inside. Both sides use full fences (a helper counts itself in,
            // then looks; the caller closes, then counts), so a helper is either counted or sees it closed.
            Interlocked.Exchange(ref _open, 0);
            while (Volatile.Read(ref _active) != 0)
            {
                _idle.Wait();
                _idle.Reset(); // a late helper of an earlier call may have set it: count again
            }
            _work = null;
            if (_error is { } error) ExceptionDispatchInfo.Throw(error);
        }

        void IThreadPoolWorkItem.Execute()
        {
            Interlocked.Decrement(ref _queued);
            Interlocked.Increment(ref _active);
            try
            {
                if (Volatile.Read(ref _open) == 1) Drain();
            }
            finally
            {
                if (Interlocked.Decrement(ref _active) == 0) _idle.Set();
            }
        }

        private void Drain()
        {
            var work = _work!;
            int count = _count;
            try
            {
                for (int i = Interlocked.Increment(ref _next) - 1; i < count; i = Interlocked.Increment(ref _next) - 1)
                    work.Run(i);
            }
            catch (Exception e)
            {
                Interlocked.CompareExchange(ref _error, e, null);
            }
        }
    }
}
