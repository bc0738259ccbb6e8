namespace NotebookDL.Data;

/// <summary>
/// What a loader found in a data set's folder: the training and test sets (either may be absent when the
/// folder holds none of its files), the files it read with their record counts, and a one-paragraph
/// <see cref="Description"/> to print in a notebook so the learner sees exactly what was loaded.
/// </summary>
/// <param name="Folder">The full path of the folder.</param>
/// <param name="Train">The training examples, files concatenated in name order; null when there were none.</param>
/// <param name="Test">The test examples; null when there were none.</param>
/// <param name="Files">Every file read, in the order read.</param>
/// <param name="Description">e.g. "CIFAR-10 in /data/cifar10: train 10,000 images (data_batch_1.bin: 10,000); ...".</param>
public sealed record DataFolder(
    string Folder,
    Dataset? Train,
    Dataset? Test,
    IReadOnlyList<DataFile> Files,
    string Description)
{
    /// <summary>The training set, or a clear error when the folder held no training file.</summary>
    public Dataset RequireTrain() =>
        Train ?? throw new InvalidOperationException($"{Folder} holds no training data ({Description})");

    /// <summary>The test set, or a clear error when the folder held no test file.</summary>
    public Dataset RequireTest() =>
        Test ?? throw new InvalidOperationException($"{Folder} holds no test data ({Description})");

    public override string ToString() => Description;
}

/// <summary>One file a loader read: its name, which split it went to ("train" or "test") and how many records it gave.</summary>
public sealed record DataFile(string Path, string Split, int Records)
{
    public override string ToString() => $"{System.IO.Path.GetFileName(Path)}: {Records:N0}";
}
