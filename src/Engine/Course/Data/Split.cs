using NotebookDL.Tensors;

namespace NotebookDL.Data;

/// <summary>
/// Splits one data set into train / val / test / train-dev parts: a seeded shuffle (the same seed gives the
/// same parts), then consecutive runs of the shuffled order, so the parts are disjoint. Not stratified: with
/// enough examples per class the class shares come out close to the whole set's.
/// </summary>
public static class Split
{
    /// <summary>
    /// Splits by counts. Parts with count 0 are null; <paramref name="train"/> = null takes every example
    /// the other parts leave.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A negative count, or counts adding up to more than the data holds.</exception>
    public static DatasetSplits Random(Dataset data, int? train = null, int val = 0, int test = 0, int trainDev = 0, int seed = 0)
    {
        ArgumentNullException.ThrowIfNull(data);
        foreach (var (part, count) in new[] { ("train", train ?? 0), ("val", val), ("test", test), ("trainDev", trainDev) })
            if (count < 0)
                throw new ArgumentOutOfRangeException(part, count, $"{part} must be a count >= 0, got {count}");
        long others = (long)val + test + trainDev;
        long trainCount = train ?? data.Count - others;
        if (trainCount + others > data.Count || trainCount < 0)
            throw new ArgumentOutOfRangeException(train is null ? nameof(val) : nameof(train),
                $"the split asks train {(train is null ? "(rest)" : trainCount.ToString("N0"))} + val {val:N0} + test {test:N0} + trainDev {trainDev:N0} " +
                $"= {trainCount + others:N0} examples, but '{data.Name}' has {data.Count:N0}");
        if (trainCount == 0)
            throw new ArgumentOutOfRangeException(nameof(train), "the training part would be empty: leave some examples for train");

        var order = new Rng(seed).Permutation(data.Count);
        int start = 0;
        Dataset? Take(int count, string part)
        {
            if (count == 0) return null;
            var indices = new ArraySegment<int>(order, start, count);
            start += count;
            return data.Subset(indices, $"{data.Name} ({part})");
        }
        var trainSet = Take((int)trainCount, "train")!;
        var trainDevSet = Take(trainDev, "train-dev");
        var valSet = Take(val, "val");
        var testSet = Take(test, "test");
        return new DatasetSplits(trainSet, valSet, testSet, trainDevSet);
    }

    /// <summary>
    /// Splits by fractions of the data (each in [0, 1], adding up to at most 1). Each part gets
    /// round(fraction · N) examples; <paramref name="train"/> = null, or fractions adding up to 1, give train
    /// every example the other parts leave, so no example is lost to rounding.
    /// <code>Split.Random(cifar, train: 0.8, val: 0.1, test: 0.1, seed: 1)</code>
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A fraction outside [0, 1], or fractions adding up to more than 1.</exception>
    public static DatasetSplits Random(Dataset data, double? train = null, double val = 0, double test = 0, double trainDev = 0, int seed = 0)
    {
        ArgumentNullException.ThrowIfNull(data);
        foreach (var (part, f) in new[] { ("train", train ?? 0), ("val", val), ("test", test), ("trainDev", trainDev) })
            if (!(f >= 0 && f <= 1))
                throw new ArgumentOutOfRangeException(part, f,
                    $"{part} = {f} must be a fraction in [0, 1] (to split by counts pass whole numbers for every part)");
        double sum = (train ?? 0) + val + test + trainDev;
        if (sum > 1 + 1e-9)
            throw new ArgumentOutOfRangeException(nameof(train), sum, $"the fractions add up to {sum}, more than 1");
        int n = data.Count;
        int Count(double f) => (int)Math.Round(f * n, MidpointRounding.AwayFromZero);
        // Round the cumulative boundaries, not each part, so the parts never add up to more than N.
        int b1 = Count(val), b2 = Count(val + test), b3 = Count(Math.Min(1, val + test + trainDev));
        int v = b1, t = b2 - b1, td = b3 - b2;
        int? tr = train is null || Math.Abs(sum - 1) <= 1e-9 ? null : Math.Min(Count(train.Value), n - b3);
        return Random(data, tr, v, t, td, seed);
    }
}
