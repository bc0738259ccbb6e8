using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace NotebookDL.Benchmarks;

/// <summary>
/// The machine's float64 peak: independent chains of Vector512 (or Vector256) FMAs, enough of them to cover
/// the FMA latency on two pipes, on one core and then on every core at once.
/// </summary>
internal static class FmaPeak
{
    private const int Iterations = 20_000_000;

    /// <summary>(GFLOP/s of one core, GFLOP/s of all cores together), best of a few runs.</summary>
    public static (double PerCore, double Total) Measure(int cores)
    {
        double one = 0, all = 0;
        for (int r = 0; r < 6; r++)
        {
            one = Math.Max(one, Run(1));
            all = Math.Max(all, Run(cores));
        }
        return (one, all);
    }

    private static double Run(int threads)
    {
        var barrier = new Barrier(threads);
        var seconds = new double[threads];
        var workers = Enumerable.Range(0, threads).Select(t => new Thread(() =>
        {
            Chains(1000); // JIT and warm-up
            barrier.SignalAndWait();
            seconds[t] = Benchmarks.Measure.Once(() => Chains(Iterations));
        })).ToList();
        workers.ForEach(w => w.Start());
        workers.ForEach(w => w.Join());
        double flopsPerIteration = 12.0 * 2 * (Vector512.IsHardwareAccelerated ? 8 : 4);
        return threads * Iterations * flopsPerIteration / seconds.Max() / 1e9;
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static double Chains(int iterations)
    {
        if (Vector512.IsHardwareAccelerated)
        {
            var m = Vector512.Create(0.999999);
            var add = Vector512.Create(1e-9);
            Vector512<double> c0 = Vector512.Create(1.0), c1 = c0, c2 = c0, c3 = c0, c4 = c0, c5 = c0,
                c6 = c0, c7 = c0, c8 = c0, c9 = c0, c10 = c0, c11 = c0;
            for (int i = 0; i < iterations; i++)
            {
                c0 = Vector512.FusedMultiplyAdd(c0, m, add); c1 = Vector512.FusedMultiplyAdd(c1, m, add);
                c2 = Vector512.FusedMultiplyAdd(c2, m, add); c3 = Vector512.FusedMultiplyAdd(c3, m, add);
                c4 = Vector512.FusedMultiplyAdd(c4, m, add); c5 = Vector512.FusedMultiplyAdd(c5, m, add);
                c6 = Vector512.FusedMultiplyAdd(c6, m, add); c7 = Vector512.FusedMultiplyAdd(c7, m, add);
                c8 = Vector512.FusedMultiplyAdd(c8, m, add); c9 = Vector512.FusedMultiplyAdd(c9, m, add);
                c10 = Vector512.FusedMultiplyAdd(c10, m, add); c11 = Vector512.FusedMultiplyAdd(c11, m, add);
            }
            return Vector512.Sum(c0 + c1 + c2 + c3 + c4 + c5 + c6 + c7 + c8 + c9 + c10 + c11);
        }
        else
        {
            var m = Vector256.Create(0.999999);
            var add = Vector256.Create(1e-9);
            Vector256<double> c0 = Vector256.Create(1.0), c1 = c0, c2 = c0, c3 = c0, c4 = c0, c5 = c0,
                c6 = c0, c7 = c0, c8 = c0, c9 = c0, c10 = c0, c11 = c0;
            for (int i = 0; i < iterations; i++)
            {
                c0 = Vector256.FusedMultiplyAdd(c0, m, add); c1 = Vector256.FusedMultiplyAdd(c1, m, add);
                c2 = Vector256.FusedMultiplyAdd(c2, m, add); c3 = Vector256.FusedMultiplyAdd(c3, m, add);
                c4 = Vector256.FusedMultiplyAdd(c4, m, add); c5 = Vector256.FusedMultiplyAdd(c5, m, add);
                c6 = Vector256.FusedMultiplyAdd(c6, m, add); c7 = Vector256.FusedMultiplyAdd(c7, m, add);
                c8 = Vector256.FusedMultiplyAdd(c8, m, add); c9 = Vector256.FusedMultiplyAdd(c9, m, add);
                c10 = Vector256.FusedMultiplyAdd(c10, m, add); c11 = Vector256.FusedMultiplyAdd(c11, m, add);
            }
            return Vector256.Sum(c0 + c1 + c2 + c3 + c4 + c5 + c6 + c7 + c8 + c9 + c10 + c11);
        }
    }
}
