using NotebookDL.Data;

namespace NotebookDL.Extension.Session;

/// <summary>The data the commands train on: its name, splits (preprocessed), preprocessing and a sentence saying what it is.</summary>
public sealed record CurrentData(string Name, DatasetSplits Splits, string Preprocessing, string Description)
{
    public Dataset Train => Splits.Train;

    /// <summary>The val part of image data before preprocessing (null when not kept): pictures of its examples, e.g. in an error gallery.</summary>
    public Dataset? RawVal { get; init; }

    /// <summary>The test part of image data before preprocessing (null when not kept).</summary>
    public Dataset? RawTest { get; init; }

    /// <summary>
    /// The built-in 8x8 digits: 1,497 train and 300 validation examples (seed 0), mean-subtracted and
    /// standardised with the training set's statistics.
    /// </summary>
    public static CurrentData DefaultDigits()
    {
        var splits = Digits.DefaultSplit();
        return new CurrentData("digits", Digits.Prepared(splits), DatasetDefaults.For("digits").Preprocessing,
            "built-in 8x8 digits (1,797 images): 1,497 train / 300 val, seed 0, mean-subtracted and standardised") { RawVal = splits.Val };
    }
}
