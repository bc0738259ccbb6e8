using NotebookDL.Data;
using NotebookDL.Data.Preprocessing;

namespace NotebookDL.Extension.Session;

/// <summary>
/// What the notebook's commands share between cells: the current data (set by <c>#!dataset</c>, the
/// built-in digits until then). One per kernel process, as a notebook has one kernel.
/// </summary>
public static class NotebookState
{
    private static readonly object Gate = new();
    private static CurrentData? _data;

    /// <summary>The data later commands use: what <c>#!dataset</c> chose last, else the default digits.</summary>
    public static CurrentData Data
    {
        get
        {
            lock (Gate) return _data ??= DefaultDigits();
        }
        set
        {
            lock (Gate) _data = value;
        }
    }

    /// <summary>Forgets the chosen data, the learner's checked and plugged-in code and the paused session (tests, each replayed notebook).</summary>
    public static void Reset()
    {
        lock (Gate) _data = null;
        LearnerCode.Clear(); // a fresh kernel knows none of the learner's code
        PausedSession.Clear(); // nor a paused training session
    }

    /// <summary>
    /// The built-in 8x8 digits: 1,497 train and 300 validation examples (seed 0), mean-subtracted and
    /// standardised with the training set's statistics.
    /// </summary>
    public static CurrentData DefaultDigits()
    {
        var splits = Split.Random(Digits.Load(), val: 300, seed: 0);
        var pipeline = Pipeline.Parse("mean,std");
        return new CurrentData("digits", pipeline.FitTransform(splits), "mean,std",
            "built-in 8x8 digits (1,797 images): 1,497 train / 300 val, seed 0, mean-subtracted and standardised") { RawVal = splits.Val };
    }
}

/// <summary>The data the commands train on: its name, splits (preprocessed), preprocessing and a sentence saying what it is.</summary>
public sealed record CurrentData(string Name, DatasetSplits Splits, string Preprocessing, string Description)
{
    public Dataset Train => Splits.Train;

    /// <summary>The val part of image data before preprocessing (null when not kept): pictures of its examples, e.g. in an error gallery.</summary>
    public Dataset? RawVal { get; init; }

    /// <summary>The test part of image data before preprocessing (null when not kept).</summary>
    public Dataset? RawTest { get; init; }
}
