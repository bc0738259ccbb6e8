using NotebookDL.Training;
namespace NotebookDL.Data;

/// <summary>
/// A data set split for a project: the training set, the dev (validation) set that picks hyperparameters,
/// the test set that is looked at once, and the train-dev set carved from the training distribution.
/// Comparing errors across them diagnoses a model (lecture): train → train-dev is variance, train-dev → dev
/// is data mismatch, dev → test is overfitting to dev. Absent parts are null.
/// </summary>
/// <param name="Train">The examples the model learns from.</param>
/// <param name="Val">The dev / validation set, or null.</param>
/// <param name="Test">The test set, or null.</param>
/// <param name="TrainDev">Held-out examples from the training distribution, or null.</param>
public sealed record DatasetSplits(Dataset Train, Dataset? Val = null, Dataset? Test = null, Dataset? TrainDev = null)
{
    /// <summary>The parts that are present, with their names, in the order train, train-dev, val, test.</summary>
    public IEnumerable<(string Part, Dataset Data)> Parts()
    {
        yield return ("train", Train);
        if (TrainDev is not null) yield return ("train-dev", TrainDev);
        if (Val is not null) yield return ("val", Val);
        if (Test is not null) yield return ("test", Test);
    }

    /// <summary>e.g. "train 800, train-dev 50, val 100, test 50".</summary>
    /// <summary>Every part with its examples stored as rows of <paramref name="dtype"/> (see <see cref="Dataset.AsRows"/>).</summary>
    public DatasetSplits AsRows(Dtype dtype) =>
        new(Train.AsRows(dtype), Val?.AsRows(dtype), Test?.AsRows(dtype), TrainDev?.AsRows(dtype));

    public override string ToString() => string.Join(", ", Parts().Select(p => $"{p.Part} {p.Data.Count:N0}"));
}
