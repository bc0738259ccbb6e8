using MathNet.Numerics.LinearAlgebra;

namespace NotebookDL.Data.Preprocessing;

/// <summary>
/// Normalisation: centre every feature, then divide it by its standard deviation over the training
/// examples, <c>X = (X - mean) / std</c>, so each feature has mean 0 and std 1 on the training data. Useful
/// when features have different scales; for images (pixels already share the range 0..255) the lecture
/// calls it uncommon.
/// <para>
/// A constant feature (std 0, or below 1e-12 of its magnitude) keeps std = 1: it is only centred, not
/// divided by zero. <see cref="Std"/> shows the 1 that was used.
/// </para>
/// </summary>
public sealed class Standardization : IPreprocessor
{
    private double[]? _mean;
    private double[]? _std;

    /// <inheritdoc/>
    public string Name => "std";

    /// <inheritdoc/>
    public bool IsFitted => _mean is not null;

    /// <inheritdoc/>
    public bool KeepsFeatures => true;

    /// <summary>The fitted mean of every feature, (D) (a copy).</summary>
    public Vector<double> Mean => FeatureStats.ToVector(FeatureStats.RequireFitted(_mean, Name));

    /// <summary>The fitted std of every feature, (D), with 1 for constant features (a copy).</summary>
    public Vector<double> Std => FeatureStats.ToVector(FeatureStats.RequireFitted(_std, Name));

    /// <summary>How many features were constant on the training data and so were left unscaled.</summary>
    public int ConstantFeatures { get; private set; }

    /// <inheritdoc/>
    public void Fit(Matrix<double> train)
    {
        FeatureStats.RequireTrainingData(train, Name);
        var mean = FeatureStats.ColumnMeans(train, Name);
        var std = FeatureStats.ColumnStds(train, mean, Name);
        int constant = 0;
        for (int j = 0; j < std.Length; j++)
        {
            if (std[j] <= 1e-12 * Math.Max(1, Math.Abs(mean[j])))
            {
                std[j] = 1;
                constant++;
            }
        }
        (_mean, _std, ConstantFeatures) = (mean, std, constant);
    }

    /// <inheritdoc/>
    public Matrix<double> Transform(Matrix<double> x)
    {
        var mean = FeatureStats.RequireFitted(_mean, Name);
        FeatureStats.RequireWidth(x, mean.Length, Name);
        var result = FeatureStats.Centre(x, mean);
        FeatureStats.ScaleColumns(result, _std!.Select(s => 1 / s).ToArray());
        return result;
    }

    public override string ToString() =>
        _mean is null ? "standardisation (not fitted)" : $"standardisation of {_mean.Length} features ({ConstantFeatures} constant, left unscaled)";
}
