using NotebookDL.Tensors;

namespace NotebookDL.Exercises;

/// <summary>
/// Sampling a hyperparameter on a log scale (the lecture's learning rate in [0.0001, 1]: r = −4·rand,
/// α = 10^r), so that every decade gets the same share of the search.
/// </summary>
internal sealed class LogScaleExercise : Exercise<Func<double, double, Rng, double>>
{
    public override string Name => "log-scale";
    public override string Title => "sample a learning rate on a log scale: r uniform in [log10 low, log10 high], α = 10^r";
    public override string Topic => "hyperparameter search";
    public override string Signature => "double LogScale(double low, double high, Rng rng)   // one sample in [low, high], e.g. [1e-4, 1]";
    public override string Task => "r = log10(low) + (log10(high) − log10(low))·rng.NextDouble(); return 10^r. For [1e-4, 1] that is the lecture's r = −4·rand, α = 10^r.";

    protected override Func<double, double, Rng, double> ReferenceImplementation =>
        (low, high, rng) => Math.Pow(10, rng.Uniform(Math.Log10(low), Math.Log10(high)));

    protected override void AddCases(CaseBook book, Func<double, double, Rng, double> f, Rng rng)
    {
        int seed = rng.NextInt(int.MaxValue);
        foreach (var (low, high) in new[] { (1e-4, 1.0), (1e-6, 1e-2) })
        {
            string range = $"[{Compare.Num(low)}, {Compare.Num(high)}]";
            book.Add($"4,000 samples in {range}: all inside", () => Inside(Draw(f, low, high, seed), low, high));
            book.Add($"4,000 samples in {range}: each of the 4 decades gets about a quarter", () =>
                Decades(Draw(f, low, high, seed), low, high));
        }
        book.Add("the same seed gives the same samples", () =>
            Verdict.Require(Draw(f, 1e-4, 1, 3, 50).SequenceEqual(Draw(f, 1e-4, 1, 3, 50)),
                "two runs with the same seed gave different samples: draw from the rng argument so that a seed reproduces the search"));
    }

    internal static double[] Draw(Func<double, double, Rng, double> f, double low, double high, int seed, int count = 4000)
    {
        var r = new Rng(seed);
        return Enumerable.Range(0, count).Select(_ => f(low, high, r)).ToArray();
    }

    internal static Verdict Inside(double[] samples, double low, double high)
    {
        var outside = samples.Where(s => !(s >= low * (1 - 1e-12) && s <= high * (1 + 1e-12))).ToArray();
        return outside.Length == 0
            ? Verdict.Pass(0, 1e-9)
            : Verdict.Fail($"{outside.Length} of {samples.Length} samples fall outside [{Compare.Num(low)}, {Compare.Num(high)}], e.g. {Compare.Num(outside[0])}",
                (double)outside.Length / samples.Length, 1e-9);
    }

    /// <summary>Each decade of [low, high] should get the same share; says how the learner's spread instead.</summary>
    internal static Verdict Decades(double[] samples, double low, double high, Func<double, double>? map = null, string what = "the samples", string fix = "sample the exponent r uniformly in [log10 low, log10 high] and return 10^r")
    {
        map ??= v => v;
        double a = Math.Log10(map(low)), b = Math.Log10(map(high));
        if (a > b) (a, b) = (b, a);
        int decades = (int)Math.Round(b - a);
        var counts = new int[decades];
        foreach (var s in samples)
        {
            double m = map(s);
            if (!(m > 0)) continue;
            int k = (int)Math.Floor(Math.Log10(m) - a);
            counts[Math.Clamp(k, 0, decades - 1)]++;
        }
        var shares = counts.Select(c => (double)c / samples.Length).ToArray();
        double expected = 1.0 / decades;
        double worst = shares.Max(s => Math.Abs(s - expected)) / expected;
        if (worst < 0.15) return Verdict.Pass(worst, 0.15);
        int top = Array.IndexOf(shares, shares.Max());
        string decade = $"[{Compare.Num(Math.Pow(10, a + top))}, {Compare.Num(Math.Pow(10, a + top + 1))}]";
        return Verdict.Fail($"{100 * shares[top]:F0}% of {what} land in {decade}, expected {100 * expected:F0}% per decade: " +
                            (shares[top] > 0.6 ? $"that is a linear scale — {fix}" : fix), worst, 0.15);
    }
}
