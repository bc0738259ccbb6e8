using MathNet.Numerics.LinearAlgebra;

namespace NotebookDL.Data.Preprocessing;

/// <summary>Fitting and applying preprocessing to data sets and their splits.</summary>
public static class PreprocessorExtensions
{
    /// <summary>Fits on <paramref name="train"/> (N, D) and returns it transformed.</summary>
    public static Matrix<double> FitTransform(this IPreprocessor preprocessor, Matrix<double> train)
    {
        preprocessor.Fit(train);
        return preprocessor.Transform(train);
    }

    /// <summary>Fits on the training set's examples.</summary>
    public static void Fit(this IPreprocessor preprocessor, Dataset train) => preprocessor.Fit(train.X);

    /// <summary>
    /// The data set with transformed examples and the same targets; image data stays image data only when
    /// the step keeps features (not after PCA or whitening). Examples stored as rows stay rows of the same
    /// dtype (computed in double, then stored).
    /// </summary>
    public static Dataset Transform(this IPreprocessor preprocessor, Dataset data)
    {
        var result = new Dataset(data.Name, preprocessor.Transform(data.X), data.Y, data.ClassNames, preprocessor.KeepsFeatures ? data.Image : null);
        return data.Rows is null ? result : result.AsRows(data.Dtype);
    }

    /// <summary>
    /// Fits on <c>splits.Train</c> only and transforms every part with those statistics: the val, test and
    /// train-dev sets never influence the preprocessing.
    /// </summary>
    public static DatasetSplits FitTransform(this IPreprocessor preprocessor, DatasetSplits splits)
    {
        preprocessor.Fit(splits.Train);
        Dataset? Apply(Dataset? d) => d is null ? null : preprocessor.Transform(d);
        return new DatasetSplits(Apply(splits.Train)!, Apply(splits.Val), Apply(splits.Test), Apply(splits.TrainDev));
    }
}
