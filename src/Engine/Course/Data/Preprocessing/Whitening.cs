using MathNet.Numerics.LinearAlgebra;

namespace NotebookDL.Data.Preprocessing;

/// <summary>
/// Whitening: PCA, then divide each rotated column by the square root of its eigenvalue so every direction
/// has unit variance (lecture: <c>Xwhite = Xrot / np.sqrt(S + 1e-5)</c>); the whitened training data has
/// covariance ≈ identity. ε keeps directions with ~0 variance from being divided by zero; it also means
/// the noisiest, smallest directions are blown up the most, which is why whitening can exaggerate noise.
/// </summary>
public sealed class Whitening : IPreprocessor
{
    private double[]? _scale;

    /// <param name="components">k, the number of principal components kept; null keeps all D.</param>
    /// <param name="epsilon">ε added to each eigenvalue before the square root (&gt; 0; the lecture's 1e-5).</param>
    public Whitening(int? components = null, double epsilon = 1e-5)
    {
        if (!(epsilon > 0) || double.IsInfinity(epsilon))
            throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, $"whiten: epsilon must be a finite number > 0, got {epsilon}");
        Pca = new Pca(components);
        Epsilon = epsilon;
    }

    /// <summary>The PCA whose rotation is scaled (its mean, components and eigenvalues are this step's).</summary>
    public Pca Pca { get; }

    /// <summary>ε in sqrt(eigenvalue + ε).</summary>
    public double Epsilon { get; }

    /// <inheritdoc/>
    public string Name => "whiten";

    /// <inheritdoc/>
    public bool IsFitted => _scale is not null;

    /// <inheritdoc/>
    public bool KeepsFeatures => false;

    /// <summary>The training mean, (D).</summary>
    public Vector<double> Mean => Pca.Mean;

    /// <summary>U[:, :k], (D, k).</summary>
    public Matrix<double> Components => Pca.Components;

    /// <summary>Every eigenvalue of the covariance, (D), descending.</summary>
    public Vector<double> Eigenvalues => Pca.Eigenvalues;

    /// <inheritdoc/>
    public void Fit(Matrix<double> train)
    {
        _scale = null;
        Pca.Fit(train);
        var eigenvalues = Pca.ExplainedVariance;
        _scale = eigenvalues.Select(l => 1 / Math.Sqrt(l + Epsilon)).ToArray();
    }

    /// <summary>(X - mean)·U[:, :k] / sqrt(S[:k] + ε), (M, k).</summary>
    /// <inheritdoc/>
    public Matrix<double> Transform(Matrix<double> x)
    {
        var scale = FeatureStats.RequireFitted(_scale, Name);
        var rotated = Pca.Transform(x);
        FeatureStats.ScaleColumns(rotated, scale);
        return rotated;
    }

    public override string ToString() =>
        _scale is null ? $"whitening, ε = {Epsilon} (not fitted)" : $"whitening of {Pca.ComponentCount} components, ε = {Epsilon}";
}
