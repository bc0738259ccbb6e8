using System.Globalization;
using NotebookDL.Data;
using NotebookDL.Data.Preprocessing;
using NotebookDL.Tensors;

namespace NotebookDL.Analysis;

/// <summary>
/// A built-in case of data mismatch: one image data set cut in two at random; the larger part stays as it is
/// (the training distribution: sharp, centred pictures), the smaller one is blurred and shifted (the
/// distribution the application meets: blurry, off-centre uploads). Dev and test come from the shifted part,
/// training takes the sharp part plus a little of the shifted one, and a train-dev set is carved from the
/// training mix (<see cref="DistributionSplit"/>). A network trained on it shows a small train → train-dev gap
/// and a big train-dev → dev gap: data mismatch.
/// </summary>
public static class MismatchDemo
{
    /// <summary>
    /// The demonstration on <paramref name="images"/> (the built-in digits when null), preprocessed with
    /// <see cref="MismatchOptions.Preprocess"/> fitted on the training part only.
    /// </summary>
    /// <param name="images">An image data set with class labels; null = the built-in 8×8 digits (1,797).</param>
    /// <param name="o">Sizes and the shift; null = <see cref="MismatchOptions"/>' defaults.</param>
    /// <exception cref="ArgumentException">Not image data, or sizes that do not fit (the message gives the counts).</exception>
    public static MismatchData Create(Dataset? images = null, MismatchOptions? o = null)
    {
        images ??= Digits.Load();
        o ??= new MismatchOptions();
        o.Validate();
        if (images.Image is null) throw new ArgumentException($"'{images.Name}' is not image data: the demonstration blurs and shifts pictures");
        int targetCount = o.Dev + o.Test + o.TargetInTrain;
        if (targetCount >= images.Count)
            throw new ArgumentException($"dev {o.Dev:N0} + test {o.Test:N0} + target-in-train {o.TargetInTrain:N0} = {targetCount:N0} shifted examples leave none of the {images.Count:N0} in '{images.Name}' for the sharp training part");

        var order = new Rng(o.Seed).Permutation(images.Count);
        var source = images.Subset(order[targetCount..].Order().ToArray(), $"{images.Name} (sharp)");
        var target = images.Subset(order[..targetCount].Order().ToArray());
        if (o.Blur > 0) target = DomainShift.Blur(target, o.Blur);
        if (o.ShiftX != 0 || o.ShiftY != 0) target = DomainShift.Shift(target, o.ShiftX, o.ShiftY);
        target = new Dataset($"{images.Name} ({o.Describe()})", target.X, target.Y, target.ClassNames, target.Image);

        var raw = DistributionSplit.Of(source, target, o.Dev, o.Test, o.TrainDev, o.TargetInTrain, o.Seed);
        var pipeline = Pipeline.Parse(o.Preprocess, raw.Train.Image);
        var splits = pipeline.FitTransform(raw);
        var description = string.Create(CultureInfo.InvariantCulture,
            $"{images.Name}: {source.Count:N0} images as they are (the training distribution) and {target.Count:N0} {o.Describe()} (the dev/test distribution): {splits}; preprocessing {pipeline.Name} fitted on train");
        return new MismatchData(raw, splits, pipeline.Name, description, o);
    }
}

/// <summary>
/// The sizes and the shift of a <see cref="MismatchDemo"/>. Defaults suit the 1,797 digits: 600 shifted
/// digits (250 dev, 250 test, 100 in training) and 1,197 sharp ones, 200 of the training mix held out as train-dev.
/// </summary>
public sealed record MismatchOptions
{
    /// <summary>Shifted examples in the dev set (default 250).</summary>
    public int Dev { get; init; } = 250;

    /// <summary>Shifted examples in the test set (default 250).</summary>
    public int Test { get; init; } = 250;

    /// <summary>Shifted examples added to training (default 100: the lecture adds a little target data to training).</summary>
    public int TargetInTrain { get; init; } = 100;

    /// <summary>Examples of the training mix held out as train-dev (default 200).</summary>
    public int TrainDev { get; init; } = 200;

    /// <summary>Gaussian blur std in pixels, 0 = none (default 0.8).</summary>
    public double Blur { get; init; } = 0.8;

    /// <summary>Shift right in pixels (default 1).</summary>
    public int ShiftX { get; init; } = 1;

    /// <summary>Shift down in pixels (default 1).</summary>
    public int ShiftY { get; init; } = 1;

    /// <summary>Preprocessing fitted on train (default "mean,std").</summary>
    public string Preprocess { get; init; } = "mean,std";

    /// <summary>Seed of the cut and of the splits (default 0).</summary>
    public int Seed { get; init; }

    /// <summary>"blurred (σ = 0.8) and shifted (+1, +1) px".</summary>
    public string Describe()
    {
        var parts = new List<string>();
        if (Blur > 0) parts.Add(string.Create(CultureInfo.InvariantCulture, $"blurred (σ = {Blur:G3})"));
        if (ShiftX != 0 || ShiftY != 0) parts.Add(string.Create(CultureInfo.InvariantCulture, $"shifted ({ShiftX:+0;-0;0}, {ShiftY:+0;-0;0}) px"));
        return parts.Count == 0 ? "unchanged" : string.Join(" and ", parts);
    }

    /// <summary>Throws a clear exception naming the first bad setting; returns this.</summary>
    public MismatchOptions Validate()
    {
        if (Dev <= 0) throw new ArgumentOutOfRangeException(nameof(Dev), Dev, $"dev must be > 0 examples, got {Dev}");
        foreach (var (name, v) in new[] { (nameof(Test), Test), (nameof(TargetInTrain), TargetInTrain), (nameof(TrainDev), TrainDev) })
            if (v < 0) throw new ArgumentOutOfRangeException(name, v, $"{name} must be >= 0 examples, got {v}");
        if (!(Blur >= 0 && Blur <= 10)) throw new ArgumentOutOfRangeException(nameof(Blur), Blur, $"blur must be a std in [0, 10] pixels, got {Blur}");
        return this;
    }
}

/// <summary>
/// The demonstration's data: the splits before and after preprocessing (train, train-dev, dev, test).
/// </summary>
/// <param name="Raw">The splits before preprocessing (for pictures).</param>
/// <param name="Splits">The splits a network trains and is measured on.</param>
/// <param name="Preprocessing">The preprocessing steps, e.g. "mean,std".</param>
/// <param name="Description">A sentence saying what the two distributions are.</param>
/// <param name="Options">The settings that made it.</param>
public sealed record MismatchData(DatasetSplits Raw, DatasetSplits Splits, string Preprocessing, string Description, MismatchOptions Options)
{
    public override string ToString() => Description;
}
