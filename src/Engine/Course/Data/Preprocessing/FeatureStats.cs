using MathNet.Numerics.LinearAlgebra;
using NotebookDL.Tensors;

namespace NotebookDL.Data.Preprocessing;

/// <summary>
/// Per-feature statistics over examples and the checks every preprocessing step makes. X is (N, D)
/// column-major, so a feature's N values are one contiguous span of the storage array.
/// </summary>
internal static class FeatureStats
{
    public static void RequireTrainingData(Matrix<double> train, string who)
    {
        ArgumentNullException.ThrowIfNull(train);
        if (train.RowCount == 0 || train.ColumnCount == 0)
            throw new ArgumentException($"{who}: cannot fit on empty data {train.Shape()}", nameof(train));
        train.RequireFinite($"{who}: the training data");
    }

    public static T RequireFitted<T>(T? statistic, string who) where T : class =>
        statistic ?? throw new InvalidOperationException($"{who}: call Fit(train) before Transform: the statistics come from the training data");

    public static void RequireWidth(Matrix<double> x, int width, string who)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.ColumnCount != width)
            throw new ArgumentException($"{who}: was fitted on {width} features but got {x.Shape()}, {x.ColumnCount} features", nameof(x));
    }

    /// <summary>
    /// Throws when a statistic came out infinite or NaN: finite data whose sums or squares overflow (values
    /// near ±1e308) would otherwise turn every transformed value into NaN.
    /// </summary>
    public static void RequireFinite(double[] statistic, string what, string who)
    {
        for (int j = 0; j < statistic.Length; j++)
            if (!double.IsFinite(statistic[j]))
                throw new ArgumentException(
                    $"{who}: the {what} of feature {j} overflows ({statistic[j]}): the training data's values are too large for sums and squares in double precision; scale them down first",
                    "train");
    }

    /// <summary>
    /// The mean of every column, (D). A second pass adds the mean residual, so the centred columns sum to
    /// zero to rounding even for large, offset data (e.g. pixels 0..255). Throws when a mean overflows.
    /// </summary>
    public static double[] ColumnMeans(Matrix<double> x, string who)
    {
        int n = x.RowCount, d = x.ColumnCount;
        var data = x.Data();
        var mean = new double[d];
        for (int j = 0; j < d; j++)
        {
            var col = data.AsSpan(j * n, n);
            double m = Ops.Sum(col) / n, residual = 0;
            foreach (var v in col) residual += v - m;
            mean[j] = m + residual / n;
        }
        RequireFinite(mean, "mean", who);
        return mean;
    }

    /// <summary>The population standard deviation of every column, sqrt(mean (x - mu)^2) (numpy's np.std), (D). Throws when one overflows.</summary>
    public static double[] ColumnStds(Matrix<double> x, double[] mean, string who)
    {
        int n = x.RowCount, d = x.ColumnCount;
        var data = x.Data();
        var std = new double[d];
        for (int j = 0; j < d; j++)
        {
            double m = mean[j], s = 0;
            foreach (var v in data.AsSpan(j * n, n)) s += (v - m) * (v - m);
            std[j] = Math.Sqrt(s / n);
        }
        RequireFinite(std, "standard deviation", who);
        return std;
    }

    /// <summary>A new matrix: column j of <paramref name="x"/> minus <paramref name="mean"/>[j].</summary>
    public static Matrix<double> Centre(Matrix<double> x, double[] mean)
    {
        int n = x.RowCount;
        var result = Mat.Zeros(n, x.ColumnCount);
        var dst = result.Data();
        x.Data().CopyTo(dst, 0);
        for (int j = 0; j < mean.Length; j++) Ops.AddScalar(dst.AsSpan(j * n, n), -mean[j]);
        return result;
    }

    /// <summary>Multiplies column j of <paramref name="x"/> by <paramref name="scale"/>[j], in place.</summary>
    public static void ScaleColumns(Matrix<double> x, double[] scale)
    {
        int n = x.RowCount;
        var data = x.Data();
        for (int j = 0; j < scale.Length; j++)
        {
            double s = scale[j];
            foreach (ref var v in data.AsSpan(j * n, n)) v *= s;
        }
    }

    public static Vector<double> ToVector(double[] values) => Vector<double>.Build.Dense((double[])values.Clone());
}
