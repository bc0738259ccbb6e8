namespace NotebookDL.Data;

/// <summary>
/// The course's split of a loaded data set: train and val (seeded, disjoint) from the pool of examples, and
/// test from the data set's own test file when it has one (CIFAR-10's test_batch, MNIST's t10k), else from
/// the pool too. The parts are named "&lt;name&gt; (train)", "&lt;name&gt; (val)", ... after the data set.
/// <code>
/// var cifar = Cifar10.LoadFolder(folder);
/// var splits = PoolSplit.Split(cifar.Train!, cifar.Test, train: 5000, val: 1000, test: null, seed: 0);
/// </code>
/// </summary>
public static class PoolSplit
{
    /// <summary>
    /// Why <paramref name="train"/> / <paramref name="val"/> / <paramref name="test"/> examples (train null = the
    /// rest; test null = none from the pool, all of the test file) cannot be split, or null when they can.
    /// </summary>
    public static SplitShortfall? Shortfall(Dataset pool, Dataset? testFile, int? train, int val, int? test)
    {
        ArgumentNullException.ThrowIfNull(pool);
        int fromPool = testFile is null ? test ?? 0 : 0;
        var name = BaseName(pool.Name);
        bool hasFile = testFile is not null;
        if (train is int t && (long)t + val + fromPool > pool.Count)
            return new SplitShortfall(SplitShortfallKind.MoreThanThePool, t, val, fromPool, pool.Count, name, hasFile);
        if (train is null && (long)val + fromPool >= pool.Count)
            return new SplitShortfall(SplitShortfallKind.NoneLeftForTraining, null, val, fromPool, pool.Count, name, hasFile);
        if (testFile is { } file && test is int n && n > file.Count)
            return new SplitShortfall(SplitShortfallKind.MoreThanTheTestFile, train, val, n, file.Count, name, hasFile);
        return null;
    }

    /// <summary>Splits as <see cref="Shortfall"/> allows, with a seeded shuffle of the pool.</summary>
    /// <exception cref="ArgumentException">The sizes cannot be split (the message says why).</exception>
    public static DatasetSplits Split(Dataset pool, Dataset? testFile, int? train, int val, int? test, int seed)
    {
        if (Shortfall(pool, testFile, train, val, test) is { } shortfall) throw new ArgumentException(shortfall.ToString());
        // A loader names its pool "<name> (train)": drop that, or the parts would be "<name> (train) (val)".
        var renamed = new Dataset(BaseName(pool.Name), pool.X, pool.Y, pool.ClassNames, pool.Image);
        var parts = NotebookDL.Data.Split.Random(renamed, train, val, testFile is null ? test ?? 0 : 0, seed: seed);
        return testFile is { Count: > 0 } file ? parts with { Test = file } : parts;
    }

    /// <summary>"CIFAR-10 (train)" → "CIFAR-10".</summary>
    public static string BaseName(string name) => name.Contains(" (") ? name[..name.IndexOf(" (", StringComparison.Ordinal)] : name;
}
