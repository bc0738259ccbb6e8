using NotebookDL.Data;
using NotebookDL.Losses;
using NotebookDL.Tensors;

namespace NotebookDL.Analysis;

/// <summary>
/// Splits for data from two distributions, as the lecture sets them up: plenty of <i>source</i> data (200,000
/// web images) and a little of the <i>target</i> data the application will see (10,000 mobile uploads). Dev and
/// test come from the target only — they aim the team at the data that matters — while training takes all
/// the source plus what is left of the target. A train-dev set, carved at random from that training mix and
/// not trained on, tells variance (train → train-dev) from data mismatch (train-dev → dev).
/// </summary>
public static class DistributionSplit
{
    /// <summary>
    /// Train = source + the target examples dev and test leave (or <paramref name="targetInTrain"/> of them),
    /// minus the train-dev examples drawn from that mix; dev and test = target only. Seeded, disjoint.
    /// </summary>
    /// <param name="source">The training distribution (the large set).</param>
    /// <param name="target">The distribution the dev and test sets must reflect.</param>
    /// <param name="dev">Target examples for the dev set (&gt; 0).</param>
    /// <param name="test">Target examples for the test set.</param>
    /// <param name="trainDev">Examples of the training mix held out as train-dev.</param>
    /// <param name="targetInTrain">Target examples added to training (null = all that dev and test leave).</param>
    /// <param name="seed">Seed of the shuffles.</param>
    /// <exception cref="ArgumentException">The two sets differ in features or classes, or hold multi-label targets.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A negative count, no dev examples, more target examples asked than there are, or no training left.</exception>
    public static DatasetSplits Of(Dataset source, Dataset target, int dev, int test = 0, int trainDev = 0, int? targetInTrain = null, int seed = 0)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(target);
        if (source.Features != target.Features)
            throw new ArgumentException($"the source '{source.Name}' has {source.Features} features, the target '{target.Name}' {target.Features}: they must describe the same inputs");
        if (!source.ClassNames.SequenceEqual(target.ClassNames))
            throw new ArgumentException($"the source '{source.Name}' and the target '{target.Name}' must have the same classes");
        source.Y.RequireClasses(source.Name);
        target.Y.RequireClasses(target.Name);
        if (dev <= 0) throw new ArgumentOutOfRangeException(nameof(dev), dev, $"dev must be a count > 0 of target examples, got {dev}");
        foreach (var (name, count) in new[] { ("test", test), ("trainDev", trainDev), ("targetInTrain", targetInTrain ?? 0) })
            if (count < 0) throw new ArgumentOutOfRangeException(name, count, $"{name} must be a count >= 0, got {count}");
        int left = target.Count - dev - test;
        if (left < 0)
            throw new ArgumentOutOfRangeException(nameof(dev), $"dev {dev:N0} + test {test:N0} = {dev + test:N0} target examples, but '{target.Name}' has {target.Count:N0}");
        int inTrain = targetInTrain ?? left;
        if (inTrain > left)
            throw new ArgumentOutOfRangeException(nameof(targetInTrain), inTrain,
                $"targetInTrain {inTrain:N0}: dev and test leave only {left:N0} of the {target.Count:N0} target examples");
        if (trainDev >= source.Count + inTrain)
            throw new ArgumentOutOfRangeException(nameof(trainDev), trainDev,
                $"trainDev {trainDev:N0} would leave no training examples of the {source.Count + inTrain:N0} in the training mix");

        var rng = new Rng(seed);
        var targetOrder = rng.Permutation(target.Count);
        var devSet = target.Subset(new ArraySegment<int>(targetOrder, 0, dev), $"{target.Name} (dev)");
        var testSet = test == 0 ? null : target.Subset(new ArraySegment<int>(targetOrder, dev, test), $"{target.Name} (test)");
        var targetTrain = target.Subset(new ArraySegment<int>(targetOrder, dev + test, inTrain));

        var mix = Concat(source, targetTrain, $"{source.Name} + {inTrain:N0} {target.Name}");
        var mixOrder = rng.Permutation(mix.Count);
        var trainDevSet = trainDev == 0 ? null : mix.Subset(new ArraySegment<int>(mixOrder, 0, trainDev), $"{mix.Name} (train-dev)");
        var trainIndices = new ArraySegment<int>(mixOrder, trainDev, mix.Count - trainDev).Order().ToArray(); // keep source first, then target
        var trainSet = mix.Subset(trainIndices, $"{mix.Name} (train)");
        return new DatasetSplits(trainSet, devSet, testSet, trainDevSet);
    }

    /// <summary>The rows of <paramref name="a"/> then those of <paramref name="b"/> (same features and classes).</summary>
    internal static Dataset Concat(Dataset a, Dataset b, string name)
    {
        int n = a.Count + b.Count, d = a.Features;
        var x = Mat.Zeros(n, d);
        var dst = x.Data();
        var da = a.X.Data();
        var db = b.X.Data();
        for (int j = 0; j < d; j++)
        {
            Array.Copy(da, j * a.Count, dst, j * n, a.Count);
            Array.Copy(db, j * b.Count, dst, j * n + a.Count, b.Count);
        }
        return new Dataset(name, x, Targets.OfClasses([.. a.Labels, .. b.Labels]), a.ClassNames, a.Image ?? b.Image);
    }
}
