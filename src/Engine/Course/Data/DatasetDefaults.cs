namespace NotebookDL.Data;

/// <summary>
/// What each of the course's data sets uses when the caller does not say: how many examples go to training
/// (null: what the other parts leave), to validation (a count, or a share of the data), and which
/// preprocessing is fitted on the training part (<see cref="Preprocessing.Pipeline.Parse"/> names).
/// </summary>
/// <param name="Train">Training examples (null = the rest).</param>
/// <param name="Val">Validation examples, when a count.</param>
/// <param name="ValShare">Validation examples as a share of the data, when not a count.</param>
/// <param name="Preprocessing">The preprocessing, e.g. "mean,std".</param>
public sealed record DatasetDefaults(int? Train, int? Val, double? ValShare, string Preprocessing)
{
    /// <summary>
    /// digits: 300 val, mean,std; spiral: 20% val, none; csv: 20% val, mean,std; cifar10 and mnist: 1,000 val
    /// (the test part comes from their test files), mean; synthetic: 20 train, no val, mean (its images are
    /// noise for the overfit check).
    /// </summary>
    public static DatasetDefaults For(string name) => name switch
    {
        "digits" => new(null, 300, null, "mean,std"),
        "spiral" => new(null, null, 0.2, "none"),
        "csv" => new(null, null, 0.2, "mean,std"),
        "cifar10" or "mnist" => new(null, 1000, null, "mean"),
        "synthetic" => new(20, 0, null, "mean"),
        _ => throw new ArgumentException($"no defaults for '{name}': digits, spiral, csv, cifar10, mnist or synthetic", nameof(name)),
    };

    /// <summary>The validation examples of a data set of <paramref name="count"/> examples (a share rounds half away from 0).</summary>
    public int ValOf(int count) => Val ?? (int)Math.Round(ValShare!.Value * count, MidpointRounding.AwayFromZero);
}
