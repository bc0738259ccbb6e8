using MathNet.Numerics.LinearAlgebra;
using NotebookDL.Tensors;

namespace NotebookDL.Data.Preprocessing;

/// <summary>
/// Per-channel mean subtraction (VGG): one mean per colour channel over every training example and pixel,
/// subtracted from every pixel of that channel, e.g. 3 numbers for CIFAR-10 instead of a 3072-value mean
/// image. Rows are channel-major (all R, then all G, then all B), so channel c is columns
/// c·H·W .. (c+1)·H·W - 1.
/// </summary>
public sealed class PerChannelMean : IPreprocessor
{
    private double[]? _means;

    /// <param name="image">The image shape of a row, e.g. <c>dataset.Image</c>.</param>
    public PerChannelMean(ImageShape image)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (image.Channels < 1 || image.Height < 1 || image.Width < 1)
            throw new ArgumentException($"per-channel-mean: image shape {image} must have positive sizes", nameof(image));
        Image = image;
    }

    /// <summary>The image shape the rows have.</summary>
    public ImageShape Image { get; }

    /// <inheritdoc/>
    public string Name => "per-channel-mean";

    /// <inheritdoc/>
    public bool IsFitted => _means is not null;

    /// <inheritdoc/>
    public bool KeepsFeatures => true;

    /// <summary>The fitted mean of each channel, (C) (a copy).</summary>
    public Vector<double> ChannelMeans => FeatureStats.ToVector(FeatureStats.RequireFitted(_means, Name));

    /// <inheritdoc/>
    public void Fit(Matrix<double> train)
    {
        FeatureStats.RequireTrainingData(train, Name);
        FeatureStats.RequireWidth(train, Image.Size, $"{Name} for {Image} images");
        // The channel mean is the mean of its pixels' means (every pixel has N values).
        var pixelMeans = FeatureStats.ColumnMeans(train, Name);
        int pixels = Image.Height * Image.Width;
        var means = new double[Image.Channels];
        for (int c = 0; c < means.Length; c++)
            means[c] = Ops.Sum(pixelMeans.AsSpan(c * pixels, pixels)) / pixels;
        FeatureStats.RequireFinite(means, "channel mean", Name);
        _means = means;
    }

    /// <inheritdoc/>
    public Matrix<double> Transform(Matrix<double> x)
    {
        var means = FeatureStats.RequireFitted(_means, Name);
        FeatureStats.RequireWidth(x, Image.Size, Name);
        int pixels = Image.Height * Image.Width;
        var perFeature = new double[Image.Size];
        for (int c = 0; c < means.Length; c++) perFeature.AsSpan(c * pixels, pixels).Fill(means[c]);
        return FeatureStats.Centre(x, perFeature);
    }

    public override string ToString() =>
        _means is null ? $"per-channel mean for {Image} (not fitted)" : $"per-channel mean: {string.Join(", ", _means.Select(m => m.ToString("F2")))}";
}
