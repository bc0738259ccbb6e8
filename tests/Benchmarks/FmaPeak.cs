using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using NotebookDL.Tensors;

namespace NotebookDL.Benchmarks;

/// <summary>
/// The machine's peak in float64 or float32: independent chains of Vector512 (or Vector256) FMAs of T, enough
/// of them to cover the FMA latency on two pipes, on one core and then on every core at once. One vector of
/// floats holds twice the lanes of one of doubles, so the float32 peak is measured, not assumed to be double.
/// </summary>
internal static class FmaPeak
{
    private const int Iterations = 20_000_000;

    /// <summary>(GFLOP/s of one core, GFLOP/s of all cores together) in T, best of a few runs.</summary>
    public static (double PerCore, double Total) Measure<T>(int cores) where T : unmanaged, IFloatingPointIeee754<T>
    {
        double one = 0, all = 0;
        for (int r = 0; r < 6; r++)
        {
            one = Math.Max(one, Run<T>(1));
            all = Math.Max(all, Run<T>(cores));
        }
        return (one, all);
    }

    private static double Run<T>(int threads) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var barrier = new Barrier(threads);
        var seconds = new double[threads];
        var workers = Enumerable.Range(0, threads).Select(t => new Thread(() =>
        {
            Chains<T>(1000); // JIT and warm-up
            barrier.SignalAndWait();
            seconds[t] = Benchmarks.Measure.Once(() => Chains<T>(Iterations));
        })).ToList();
        workers.ForEach(w => w.Start());
        workers.ForEach(w => w.Join());
        double flopsPerIteration = 12.0 * 2 * (Vector512.IsHardwareAccelerated ? Vector512<T>.Count : Vector256<T>.Count);
        return threads * Iterations * flopsPerIteration / seconds.Max() / 1e9;
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static T Chains<T>(int iterations) where T : unmanaged, IFloatingPointIeee754<T>
    {
        // c → 0.999999·c + 1e-9 stays near 1e-3 in either precision: no overflow, no subnormals.
        T factor = T.CreateChecked(0.999999), addend = T.CreateChecked(1e-9);
        if (Vector512.IsHardwareAccelerated)
        {
            var m = Vector512.Create(factor);
            var add = Vector512.Create(addend);
            Vector512<T> c0 = Vector512<T>.One, c1 = c0, c2 = c0, c3 = c0, c4 = c0, c5 = c0,
                c6 = c0, c7 = c0, c8 = c0, c9 = c0, c10 = c0, c11 = c0;
            for (int i = 0; i < iterations; i++)
            {
                c0 = VectorFma.MultiplyAdd(c0, m, add); c1 = VectorFma.MultiplyAdd(c1, m, add);
                c2 = VectorFma.MultiplyAdd(c2, m, add); c3 = VectorFma.MultiplyAdd(c3, m, add);
                c4 = VectorFma.MultiplyAdd(c4, m, add); c5 = VectorFma.MultiplyAdd(c5, m, add);
                c6 = VectorFma.MultiplyAdd(c6, m, add); c7 = VectorFma.MultiplyAdd(c7, m, add);
                c8 = VectorFma.MultiplyAdd(c8, m, add); c9 = VectorFma.MultiplyAdd(c9, m, add);
                c10 = VectorFma.MultiplyAdd(c10, m, add); c11 = VectorFma.MultiplyAdd(c11, m, add);
            }
            return Vector512.Sum(c0 + c1 + c2 + c3 + c4 + c5 + c6 + c7 + c8 + c9 + c10 + c11);
        }
        else
        {
            var m = Vector256.Create(factor);
            var add = Vector256.Create(addend);
            Vector256<T> c0 = Vector256<T>.One, c1 = c0, c2 = c0, c3 = c0, c4 = c0, c5 = c0,
                c6 = c0, c7 = c0, c8 = c0, c9 = c0, c10 = c0, c11 = c0;
            for (int i = 0; i < iterations; i++)
            {
                c0 = VectorFma.MultiplyAdd(c0, m, add); c1 = VectorFma.MultiplyAdd(c1, m, add);
                c2 = VectorFma.MultiplyAdd(c2, m, add); c3 = VectorFma.MultiplyAdd(c3, m, add);
                c4 = VectorFma.MultiplyAdd(c4, m, add); c5 = VectorFma.MultiplyAdd(c5, m, add);
                c6 = VectorFma.MultiplyAdd(c6, m, add); c7 = VectorFma.MultiplyAdd(c7, m, add);
                c8 = VectorFma.MultiplyAdd(c8, m, add); c9 = VectorFma.MultiplyAdd(c9, m, add);
                c10 = VectorFma.MultiplyAdd(c10, m, add); c11 = VectorFma.MultiplyAdd(c11, m, add);
            }
            return Vector256.Sum(c0 + c1 + c2 + c3 + c4 + c5 + c6 + c7 + c8 + c9 + c10 + c11);
        }
    }
}
