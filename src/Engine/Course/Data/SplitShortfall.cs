using System.Globalization;

namespace NotebookDL.Data;

/// <summary>Why part sizes cannot be split from a data set (found by <see cref="PoolSplit.Shortfall"/>).</summary>
public enum SplitShortfallKind
{
    /// <summary>train + val + test ask for more examples than the data set has.</summary>
    MoreThanThePool,

    /// <summary>val + test take every example, so none is left for training.</summary>
    NoneLeftForTraining,

    /// <summary>test asks for more examples than the separate test file holds.</summary>
    MoreThanTheTestFile,
}

/// <summary>
/// Part sizes a data set cannot give, with the counts that say why.
/// </summary>
/// <param name="Kind">Which rule the sizes break.</param>
/// <param name="Train">Training examples asked (null = the rest).</param>
/// <param name="Val">Validation examples asked.</param>
/// <param name="Test">Test examples asked: of the pool, or of the test file for <see cref="SplitShortfallKind.MoreThanTheTestFile"/>.</param>
/// <param name="Available">Examples the pool (or the test file) holds.</param>
/// <param name="PoolName">The data set's name.</param>
/// <param name="HasTestFile">Whether the test part comes from a separate test file (so the pool is the training files).</param>
public sealed record SplitShortfall(SplitShortfallKind Kind, int? Train, int Val, int Test, int Available, string PoolName, bool HasTestFile)
{
    /// <summary>The examples asked of the pool (or of the test file).</summary>
    public long Asked => Kind switch
    {
        SplitShortfallKind.MoreThanThePool => (long)Train!.Value + Val + Test,
        SplitShortfallKind.NoneLeftForTraining => (long)Val + Test,
        _ => Test,
    };

    public override string ToString() => Kind switch
    {
        SplitShortfallKind.MoreThanThePool => string.Format(CultureInfo.InvariantCulture,
            "train {0:N0} + val {1:N0} + test {2:N0} = {3:N0} examples, but {4} has {5:N0}", Train, Val, Test, Asked, PoolName, Available),
        SplitShortfallKind.NoneLeftForTraining => string.Format(CultureInfo.InvariantCulture,
            "val {0:N0} + test {1:N0} = {2:N0} examples leave none of the {3:N0} of {4} for training", Val, Test, Asked, Available, PoolName),
        _ => string.Format(CultureInfo.InvariantCulture, "test {0:N0}, but the test file of {1} holds {2:N0} examples", Test, PoolName, Available),
    };
}
