using NotebookDL.Layers;
using NotebookDL.Tensors;

namespace NotebookDL.Benchmarks;

/// <summary>The products and element-wise ops inside figures (1) and (2), one by one (for tuning).</summary>
internal static class Shapes
{
    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out TimeSpec time);

    private struct TimeSpec { public long Seconds; public long Nanoseconds; }

    /// <summary>CPU time of the calling thread (CLOCK_THREAD_CPUTIME_ID = 3), in seconds.</summary>
    internal static double ThreadCpuSeconds() => ClockGetTime(3, out var t) == 0 ? t.Seconds + t.Nanoseconds * 1e-9 : double.NaN;

    public static void Print(Action<string> progress)
    {
        var rng = new Rng(3);
        Products<double>(rng, "f64");
        Products<float>(rng, "f32");
        var a = Mat.Gaussian(1000, 500, rng);
        var w = Mat.Gaussian(500, 500, rng, 0.01);
        var c = Mat.Zeros(1000, 500);
        Report("H·W (1000,500)·(500,500)", 1000L * 500 * 500, () => Ops.MatMulInto(a, w, c));
        var tanh = new Tanh();
        Report("tanh (1000, 500)", 0, () => tanh.Forward(c, Mode.Test));
        Report("allocate (1000, 500)", 0, () => Mat.Zeros(1000, 500));
        var big = Mat.Gaussian(10000, 3072, rng);
        var order = rng.Permutation(10000);
        Report("SelectRows 200 of (10000, 3072)", 0, () => big.SelectRows(new ArraySegment<int>(order, 400, 200)));
        var sorted = order[..200];
        Array.Sort(sorted);
        Report("SelectRows 200 sorted", 0, () => big.SelectRows(sorted));


        void Report(string what, long fmas, Action action) => Shapes.Report(progress, what, fmas, action);

        // The three products of (1)'s step, in T.
        void Products<T>(Rng r, string precision) where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
        {
            var x = Mat.Convert<double, T>(Mat.Gaussian(200, 3072, r));
            var w1 = Mat.Convert<double, T>(Mat.Gaussian(3072, 50, r));
            var dh = Mat.Convert<double, T>(Mat.Gaussian(200, 50, r));
            var h = Mat.Zeros<T>(200, 50);
            var dw = Mat.Zeros<T>(3072, 50);
            var dx = Mat.Zeros<T>(200, 3072);
            Report($"X·W1 (200,3072)·(3072,50) {precision}", 200L * 3072 * 50, () => Ops.MatMulInto(x, w1, h));
            Report($"Xᵀ·dH (3072,200)·(200,50) {precision}", 200L * 3072 * 50, () => Ops.MatMulTransAInto(x, dh, dw));
            Report($"dH·W1ᵀ (200,50)·(50,3072) {precision}", 200L * 3072 * 50, () => Ops.MatMulTransBInto(dh, w1, dx));
        }
    }

    private static void Report(Action<string> progress, string what, long fmas, Action action)
    {
        double s = Measure.BestOf(action, 200, budget: 1.0, warmup: 5);
        // Thread CPU time as well: on a busy machine it is what a single-threaded change moves.
        double cpu = double.PositiveInfinity;
        for (int r = 0; r < 20; r++)
        {
            double t0 = ThreadCpuSeconds();
            action();
            cpu = Math.Min(cpu, ThreadCpuSeconds() - t0);
        }
        progress(fmas > 0 ? $"  {what}: {s * 1e6:F0} µs, {2.0 * fmas / s / 1e9:F1} GFLOP/s (thread cpu {cpu * 1e6:F0} µs)" : $"  {what}: {s * 1e6:F0} µs (thread cpu {cpu * 1e6:F0} µs)");
    }
}
