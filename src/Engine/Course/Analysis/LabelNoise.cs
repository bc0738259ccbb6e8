using NotebookDL.Data;
using NotebookDL.Tensors;

namespace NotebookDL.Analysis;

/// <summary>The two kinds of wrong labels the lecture contrasts.</summary>
public enum NoiseKind
{
    /// <summary>Each wrong label is a random other class: a labeller's slips, spread evenly.</summary>
    Random,

    /// <summary>Wrong labels follow one rule: the labeller consistently calls class c class c + 1.</summary>
    Systematic,
}

/// <summary>
/// Injects wrong labels into training data, to replay the lecture's claim: deep learning is robust to random
/// label noise but not to systematic noise. At the same rate, random noise leaves every class's true label in
/// the majority, so the network still learns the right answer; systematic noise (whole classes consistently
/// relabelled, "white dogs labelled as cats") teaches it the wrong one.
/// </summary>
public static class LabelNoise
{
    /// <summary>
    /// round(<paramref name="rate"/> · N) examples chosen at random (seeded) get a label drawn uniformly from
    /// the other C − 1 classes.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rate"/> outside [0, 1].</exception>
    /// <exception cref="ArgumentException">Multi-label data, or fewer than two classes.</exception>
    public static NoisyLabels Random(Dataset data, double rate, int seed = 0)
    {
        var (labels, classes, count) = Prepare(data, rate);
        var rng = new Rng(seed);
        var noisy = (int[])labels.Clone();
        var flipped = rng.Permutation(labels.Length).Take(count).Order().ToArray();
        foreach (var i in flipped)
        {
            int other = rng.NextInt(classes - 1);
            noisy[i] = other >= labels[i] ? other + 1 : other; // uniform over the classes other than the true one
        }
        return new NoisyLabels(Relabel(data, noisy, "random", rate), NoiseKind.Random, rate, flipped, labels);
    }

    /// <summary>
    /// The same number of wrong labels, round(<paramref name="rate"/> · N), all following the rule c → (c + 1) mod C:
    /// classes are taken in a seeded random order and relabelled wholesale until the count is reached (the last
    /// class partly, a random subset of it). The rule is consistent, so the network learns it.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rate"/> outside [0, 1].</exception>
    /// <exception cref="ArgumentException">Multi-label data, or fewer than two classes.</exception>
    public static NoisyLabels Systematic(Dataset data, double rate, int seed = 0)
    {
        var (labels, classes, count) = Prepare(data, rate);
        var rng = new Rng(seed);
        var noisy = (int[])labels.Clone();
        var flipped = new List<int>(count);
        foreach (var c in rng.Permutation(classes))
        {
            if (flipped.Count >= count) break;
            var members = Enumerable.Range(0, labels.Length).Where(i => labels[i] == c).ToArray();
            rng.Shuffle(members);
            foreach (var i in members.Take(count - flipped.Count))
            {
                noisy[i] = (c + 1) % classes;
                flipped.Add(i);
            }
        }
        flipped.Sort();
        return new NoisyLabels(Relabel(data, noisy, "systematic", rate), NoiseKind.Systematic, rate, flipped, labels);
    }

    /// <summary><see cref="Random"/> or <see cref="Systematic"/> by kind.</summary>
    public static NoisyLabels Inject(Dataset data, NoiseKind kind, double rate, int seed = 0) =>
        kind == NoiseKind.Random ? Random(data, rate, seed) : Systematic(data, rate, seed);

    private static (int[] Labels, int Classes, int Count) Prepare(Dataset data, double rate)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (!(rate >= 0 && rate <= 1))
            throw new ArgumentOutOfRangeException(nameof(rate), rate, $"the noise rate must be a fraction in [0, 1] (0.2 for 20%), got {rate}");
        var labels = data.Y.RequireClasses($"label noise on '{data.Name}'");
        if (data.Classes < 2) throw new ArgumentException($"'{data.Name}' has {data.Classes} class: a wrong label needs at least two");
        return (labels, data.Classes, (int)Math.Round(rate * labels.Length, MidpointRounding.AwayFromZero));
    }

    private static Dataset Relabel(Dataset data, int[] labels, string kind, double rate) =>
        new(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{data.Name}, {100 * rate:G3}% {kind} label noise"), data.X, labels, data.ClassNames, data.Image);
}

/// <summary>
/// Training data with wrong labels injected, and which ones.
/// </summary>
/// <param name="Data">The same examples (X shared, not copied) with the noisy labels.</param>
/// <param name="Kind">Random or systematic.</param>
/// <param name="Rate">The share of labels asked to be wrong.</param>
/// <param name="Flipped">The rows whose label was changed, ascending.</param>
/// <param name="CleanLabels">The labels before the noise.</param>
public sealed record NoisyLabels(Dataset Data, NoiseKind Kind, double Rate, IReadOnlyList<int> Flipped, int[] CleanLabels)
{
    /// <summary>The share of labels actually changed.</summary>
    public double ActualRate => CleanLabels.Length == 0 ? 0 : (double)Flipped.Count / CleanLabels.Length;

    public override string ToString() => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"{Kind.ToString().ToLowerInvariant()} label noise: {Flipped.Count:N0} of {CleanLabels.Length:N0} labels changed ({100 * ActualRate:F1}%)");
}
