using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Factorization;
using NotebookDL.Tensors;

namespace NotebookDL.Data.Preprocessing;

/// <summary>
/// PCA: centre the data, compute its covariance and rotate it onto the covariance's eigenvectors, keeping
/// the top k (the lecture's numpy):
/// <code>
/// X -= np.mean(X, axis=0)
/// cov = np.dot(X.T, X) / X.shape[0]      # (D, D)
/// U, S, V = np.linalg.svd(cov)           # columns of U: eigenvectors, S: eigenvalues, descending
/// Xrot_reduced = np.dot(X, U[:, :k])     # (N, k)
/// </code>
/// The rotated columns are uncorrelated, with variances equal to the eigenvalues, largest first. The
/// covariance is symmetric, so its symmetric eigen-decomposition (MathNet's EVD) gives the same U and S as
/// the SVD, faster. Each eigenvector's sign is fixed so that its largest-magnitude entry is positive, so a
/// fit is reproducible. Cost: O(N·D²) for the covariance plus O(D³) for the EVD, seconds for D in the
/// hundreds, minutes for D = 3072 (CIFAR-10 pixels).
/// </summary>
public sealed class Pca : IPreprocessor
{
    private double[]? _mean;
    private double[]? _eigenvalues;
    private Matrix<double>? _components;

    /// <param name="components">k, the number of principal components kept; null keeps all D.</param>
    public Pca(int? components = null)
    {
        if (components is < 1)
            throw new ArgumentOutOfRangeException(nameof(components), components, $"pca: components must be >= 1 (or null for all), got {components}");
        RequestedComponents = components;
    }

    /// <summary>k as requested (null = all).</summary>
    public int? RequestedComponents { get; }

    /// <inheritdoc/>
    public string Name => "pca";

    /// <inheritdoc/>
    public bool IsFitted => _components is not null;

    /// <inheritdoc/>
    public bool KeepsFeatures => false;

    /// <summary>k, the number of output columns (after fitting).</summary>
    public int ComponentCount => FeatureStats.RequireFitted(_components, Name).ColumnCount;

    /// <summary>The training mean, (D) (a copy).</summary>
    public Vector<double> Mean => FeatureStats.ToVector(FeatureStats.RequireFitted(_mean, Name));

    /// <summary>U[:, :k], (D, k): column i is the i-th principal direction, unit length (a copy).</summary>
    public Matrix<double> Components => FeatureStats.RequireFitted(_components, Name).Clone();

    /// <summary>Every eigenvalue of the covariance, (D), descending: the variance along each direction (a copy).</summary>
    public Vector<double> Eigenvalues => FeatureStats.ToVector(FeatureStats.RequireFitted(_eigenvalues, Name));

    /// <summary>The variance of each kept component, (k): the top k eigenvalues.</summary>
    public Vector<double> ExplainedVariance => Eigenvalues.SubVector(0, ComponentCount);

    /// <summary>The share of the total variance each kept component explains, (k); sums to 1 when k = D.</summary>
    public Vector<double> ExplainedVarianceRatio
    {
        get
        {
            double total = _eigenvalues is null ? 0 : _eigenvalues.Sum();
            return total > 0 ? ExplainedVariance / total : ExplainedVariance * 0;
        }
    }

    /// <inheritdoc/>
    public void Fit(Matrix<double> train)
    {
        FeatureStats.RequireTrainingData(train, Name);
        int n = train.RowCount, d = train.ColumnCount;
        int k = RequestedComponents ?? d;
        if (k > d)
            throw new ArgumentException($"pca: {k} components asked but the data has only {d} features", nameof(train));

        var mean = FeatureStats.ColumnMeans(train, Name);
        var centred = FeatureStats.Centre(train, mean);
        var cov = Ops.MatMulTransA(centred, centred).Divide(n);
        if (!cov.AllFinite())
        {
            // An overflowed covariance would send MathNet's eigen-solver out of its arrays: name the feature instead.
            FeatureStats.RequireFinite(Enumerable.Range(0, d).Select(j => cov[j, j]).ToArray(), "variance", Name);
            throw new ArgumentException($"{Name}: the covariance of the training data overflows: its values are too large to multiply in double precision; scale them down first", nameof(train));
        }
        var evd = cov.Evd(Symmetricity.Symmetric);

        // Order by eigenvalue, largest first; rounding can leave tiny negative eigenvalues, which are 0.
        var values = evd.EigenValues.Select(c => Math.Max(0, c.Real)).ToArray();
        var order = Enumerable.Range(0, d).OrderByDescending(i => values[i]).ThenBy(i => i).ToArray();
        var vectors = evd.EigenVectors;
        var components = Mat.Zeros(d, k);
        var dst = components.Data();
        var src = vectors.Data();
        for (int c = 0; c < k; c++)
        {
            var column = src.AsSpan(order[c] * d, d);
            int largest = 0;
            for (int i = 1; i < d; i++)
                if (Math.Abs(column[i]) > Math.Abs(column[largest])) largest = i;
            double sign = column[largest] < 0 ? -1 : 1;
            for (int i = 0; i < d; i++) dst[c * d + i] = sign * column[i];
        }
        (_mean, _eigenvalues, _components) = (mean, order.Select(i => values[i]).ToArray(), components);
    }

    /// <summary>The data rotated onto the top k principal directions: (X - mean)·U[:, :k], (M, k).</summary>
    /// <inheritdoc/>
    public Matrix<double> Transform(Matrix<double> x)
    {
        var components = FeatureStats.RequireFitted(_components, Name);
        FeatureStats.RequireWidth(x, _mean!.Length, Name);
        return Ops.MatMul(FeatureStats.Centre(x, _mean), components);
    }

    /// <summary>
    /// Back from k components to the D features: Z·U[:, :k]ᵀ + mean, (M, D). With k &lt; D this is the best
    /// rank-k reconstruction, e.g. to show what an image keeps with 10 components.
    /// </summary>
    public Matrix<double> InverseTransform(Matrix<double> rotated)
    {
        var components = FeatureStats.RequireFitted(_components, Name);
        if (rotated.ColumnCount != components.ColumnCount)
            throw new ArgumentException($"pca: has {components.ColumnCount} components but got {rotated.Shape()}", nameof(rotated));
        var result = Ops.MatMulTransB(rotated, components);
        var data = result.Data();
        int m = result.RowCount;
        for (int j = 0; j < _mean!.Length; j++) Ops.AddScalar(data.AsSpan(j * m, m), _mean[j]);
        return result;
    }

    public override string ToString() =>
        _components is null
            ? $"pca to {(RequestedComponents?.ToString() ?? "all")} components (not fitted)"
            : $"pca: {ComponentCount} of {_mean!.Length} components, {ExplainedVarianceRatio.Sum():P1} of the variance";
}
