using MathNet.Numerics.LinearAlgebra;

namespace NotebookDL.Data.Preprocessing;

/// <summary>
/// Zero-centring: subtract from every feature its mean over the training examples,
/// <c>X -= np.mean(X, axis=0)</c>. For images that mean is the "mean image" (AlexNet subtracts it), one
/// value per pixel and channel; <see cref="Mean"/> can be shown as a picture.
/// </summary>
public sealed class MeanSubtraction : IPreprocessor
{
    private double[]? _mean;

    /// <inheritdoc/>
    public string Name => "mean";

    /// <inheritdoc/>
    public bool IsFitted => _mean is not null;

    /// <inheritdoc/>
    public bool KeepsFeatures => true;

    /// <summary>The fitted mean of every feature, (D) (a copy).</summary>
    public Vector<double> Mean => FeatureStats.ToVector(FeatureStats.RequireFitted(_mean, Name));

    /// <inheritdoc/>
    public void Fit(Matrix<double> train)
    {
        FeatureStats.RequireTrainingData(train, Name);
        _mean = FeatureStats.ColumnMeans(train, Name);
    }

    /// <inheritdoc/>
    public Matrix<double> Transform(Matrix<double> x)
    {
        var mean = FeatureStats.RequireFitted(_mean, Name);
        FeatureStats.RequireWidth(x, mean.Length, Name);
        return FeatureStats.Centre(x, mean);
    }

    public override string ToString() =>
        _mean is null ? "mean subtraction (not fitted)" : $"mean subtraction of {_mean.Length} feature means (mean of means {_mean.Average():G4})";
}
