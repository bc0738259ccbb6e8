using NotebookDL.Tensors;

namespace NotebookDL.Search;

/// <summary>
/// Runs the matrix kernels single-threaded while parallel trials run (<see cref="Ops.MaxThreads"/> = 1), and puts
/// the previous setting back when the last of possibly several overlapping searches ends. The kernels give the
/// same bits whatever the thread count, so this changes speed only.
/// </summary>
internal static class KernelThreads
{
    private static readonly object Gate = new();
    private static int _holders;
    private static int _saved;

    /// <summary>Single-threaded kernels until the returned scope is disposed.</summary>
    public static IDisposable SingleThreaded()
    {
        lock (Gate)
        {
            if (_holders++ == 0)
            {
                _saved = Ops.MaxThreads;
                Ops.MaxThreads = 1;
            }
        }
        return new Scope();
    }

    private sealed class Scope : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
            lock (Gate)
            {
                if (--_holders == 0) Ops.MaxThreads = _saved;
            }
        }
    }
}
