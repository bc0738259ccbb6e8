using MathNet.Numerics.LinearAlgebra;

namespace NotebookDL.Data.Preprocessing;

/// <summary>
/// A data preprocessing step with statistics fitted on the training data and then applied, unchanged, to
/// every other set (lecture: "any preprocessing statistics (e.g. the data mean) must only be computed on
/// the training data, and then applied to the validation / test data"). Computing them on all the data
/// leaks the test set into training.
/// </summary>
public interface IPreprocessor
{
    /// <summary>The step's name as <see cref="Pipeline.Parse"/> reads it, e.g. "mean", "std", "pca".</summary>
    string Name { get; }

    /// <summary>True once <see cref="Fit"/> has run.</summary>
    bool IsFitted { get; }

    /// <summary>
    /// True when output column j still means input feature j (centring, scaling), so image rows stay
    /// images; false when the step rotates into new coordinates (PCA, whitening).
    /// </summary>
    bool KeepsFeatures { get; }

    /// <summary>Computes the statistics from the training examples <paramref name="train"/> (N, D); refitting replaces them.</summary>
    /// <exception cref="ArgumentException">Empty data, or NaN / infinity in it.</exception>
    void Fit(Matrix<double> train);

    /// <summary>
    /// Applies the fitted statistics to <paramref name="x"/> (M, D), any set (train, val, test), returning a
    /// new matrix and leaving <paramref name="x"/> unchanged.
    /// </summary>
    /// <exception cref="InvalidOperationException">Called before <see cref="Fit"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="x"/> is not D wide.</exception>
    Matrix<double> Transform(Matrix<double> x);
}
