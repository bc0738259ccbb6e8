using System.Diagnostics;

namespace NotebookDL.Benchmarks;

/// <summary>Best-of-N timing: the least noisy figure on a shared machine.</summary>
internal static class Measure
{
    /// <summary>
    /// Seconds of the fastest of up to <paramref name="repeats"/> calls (after <paramref name="warmup"/>
    /// untimed ones), stopping early once <paramref name="budget"/> seconds have been spent.
    /// </summary>
    public static double BestOf(Action action, int repeats, double budget = 3.0, int warmup = 2)
    {
        for (int i = 0; i < warmup; i++) action();
        double best = double.PositiveInfinity;
        var total = Stopwatch.StartNew();
        for (int i = 0; i < repeats; i++)
        {
            long start = Stopwatch.GetTimestamp();
            action();
            best = Math.Min(best, Stopwatch.GetElapsedTime(start).TotalSeconds);
            if (total.Elapsed.TotalSeconds > budget) break;
        }
        return best;
    }

    /// <summary>Seconds of one call.</summary>
    public static double Once(Action action)
    {
        long start = Stopwatch.GetTimestamp();
        action();
        return Stopwatch.GetElapsedTime(start).TotalSeconds;
    }

    public static async Task<double> OnceAsync(Func<Task> action)
    {
        long start = Stopwatch.GetTimestamp();
        await action();
        return Stopwatch.GetElapsedTime(start).TotalSeconds;
    }
}
