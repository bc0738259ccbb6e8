namespace NotebookDL.Data;

/// <summary>
/// What each of the course's data sets uses when the caller does not say: how many examples go to training
/// (null: what the other parts leave), to validation (a count, or a share of the data), and which
/// preprocessing is fitted on the training part (<see cref="Preprocessing.Pipeline.Parse"/> names); and the learning
/// rate and epochs a training run takes on it when the caller does not say, where the lecture's (<see cref="Training.TrainOptions"/>:
/// SGD at 1e-3 for 10 epochs, set for CIFAR-10's 245 mini-batches an epoch) would learn nothing in that time.
/// </summary>
/// <param name="Train">Training examples (null = the rest).</param>
/// <param name="Val">Validation examples, when a count.</param>
/// <param name="ValShare">Validation examples as a share of the data, when not a count.</param>
/// <param name="Preprocessing">The preprocessing, e.g. "mean,std".</param>
public sealed record DatasetDefaults(int? Train, int? Val, double? ValShare, string Preprocessing)
{
    /// <summary>The learning rate a run on this data starts from when none is given (null: the lecture's 1e-3).</summary>
    public double? LearningRate { get; init; }

    /// <summary>The epochs a run on this data trains when none are given (null: the lecture's 10).</summary>
    public int? Epochs { get; init; }

    /// <summary>
    /// digits: 300 val, mean,std; spiral: 20% val, none; csv: 20% val, mean,std; cifar10 and mnist: 1,000 val
    /// (the test part comes from their test files), mean; synthetic: 20 train, no val, mean (its images are
    /// noise for the overfit check).
    /// Training: the lecture's SGD at 1e-3 for 10 epochs learns CIFAR-10 (val acc 0.40 on this machine) and MNIST
    /// (0.94), but not the small sets, where 10 epochs are a few dozen mini-batches: the digits (1,497 train: 8
    /// mini-batches an epoch) end at val acc 0.09, so they take lr 0.5 (val acc 0.96, seeds 0-2); the spiral (240 train: 2 an epoch)
    /// takes the lecture's own spiral step 1 and 1,000 epochs (0.93); a CSV (iris: 120 train: 1 an epoch) lr 1 and
    /// 100 epochs (0.93).
    /// </summary>
    public static DatasetDefaults For(string name) => name switch
    {
        "digits" => new(null, 300, null, "mean,std") { LearningRate = 0.5 },
        "spiral" => new(null, null, 0.2, "none") { LearningRate = 1, Epochs = 1000 },
        "csv" => new(null, null, 0.2, "mean,std") { LearningRate = 1, Epochs = 100 },
        "cifar10" or "mnist" => new(null, 1000, null, "mean"),
        "synthetic" => new(20, 0, null, "mean"),
        _ => throw new ArgumentException($"no defaults for '{name}': {string.Join(", ", Names)}", nameof(name)),
    };

    /// <summary>The data sets that have defaults.</summary>
    public static IReadOnlyList<string> Names { get; } = ["digits", "spiral", "csv", "cifar10", "mnist", "synthetic"];

    /// <summary>The defaults of <paramref name="name"/>, or null for data of no known kind.</summary>
    public static DatasetDefaults? TryFor(string name) => Names.Contains(name) ? For(name) : null;

    /// <summary>The validation examples of a data set of <paramref name="count"/> examples (a share rounds half away from 0).</summary>
    public int ValOf(int count) => Val ?? (int)Math.Round(ValShare!.Value * count, MidpointRounding.AwayFromZero);
}
