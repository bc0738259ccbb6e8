using NotebookDL.Tensors;

namespace NotebookDL.Exercises;

/// <summary>
/// Sampling an averaging β (momentum, β2) as the lecture does: on a log scale of 1 − β, so that 0.9…0.99
/// and 0.99…0.999 get the same share — β near 1 is where a small change matters (1/(1 − β) examples averaged).
/// </summary>
internal sealed class BetaSamplingExercise : Exercise<Func<double, double, Rng, double>>
{
    public override string Name => "beta-sampling";
    public override string Title => "sample β in [0.9, 0.999] as 1 − 10^r, r uniform in [−3, −1]";
    public override string Topic => "hyperparameter search";
    public override string Signature => "double SampleBeta(double low, double high, Rng rng)   // one β in [low, high], e.g. [0.9, 0.999]";
    public override string Task => "r uniform in [log10(1 − high), log10(1 − low)] (for [0.9, 0.999]: [−3, −1]); return β = 1 − 10^r.";

    protected override Func<double, double, Rng, double> ReferenceImplementation =>
        (low, high, rng) => 1 - Math.Pow(10, rng.Uniform(Math.Log10(1 - high), Math.Log10(1 - low)));

    protected override void AddCases(CaseBook book, Func<double, double, Rng, double> f, Rng rng)
    {
        int seed = rng.NextInt(int.MaxValue);
        foreach (var (low, high) in new[] { (0.9, 0.999), (0.99, 0.9999) })
        {
            string range = $"[{Compare.Num(low)}, {Compare.Num(high)}]";
            book.Add($"4,000 β in {range}: all inside", () => LogScaleExercise.Inside(LogScaleExercise.Draw(f, low, high, seed), low, high));
            book.Add($"4,000 β in {range}: 1 − β spreads evenly over its decades", () =>
                LogScaleExercise.Decades(LogScaleExercise.Draw(f, low, high, seed), low, high, v => 1 - v, "the values of 1 − β",
                    $"sample r uniformly in [log10(1 − high), log10(1 − low)] = [{Compare.Num(Math.Log10(1 - high))}, {Compare.Num(Math.Log10(1 - low))}] and return β = 1 − 10^r " +
                    "(β = 0.999 vs 0.9995 matters far more than 0.9 vs 0.9005)"));
        }
        book.Add("the same seed gives the same samples", () =>
            Verdict.Require(LogScaleExercise.Draw(f, 0.9, 0.999, 3, 50).SequenceEqual(LogScaleExercise.Draw(f, 0.9, 0.999, 3, 50)),
                "two runs with the same seed gave different samples: draw from the rng argument so that a seed reproduces the search"));
    }
}
