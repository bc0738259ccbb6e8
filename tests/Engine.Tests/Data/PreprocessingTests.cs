using MathNet.Numerics.LinearAlgebra;
using NotebookDL.Data;
using NotebookDL.Data.Preprocessing;
using NotebookDL.Tensors;

namespace NotebookDL.Tests.Data;

public class PreprocessingTests
{
    /// <summary>Pixel-like data: N examples of D features, feature j around 100 + 10 j with std 1 + j.</summary>
    private static Matrix<double> Offset(int n, int d, int seed)
    {
        var x = Mat.Gaussian(n, d, new Rng(seed));
        for (int j = 0; j < d; j++)
            for (int i = 0; i < n; i++)
                x[i, j] = 100 + 10 * j + (1 + j) * x[i, j];
        return x;
    }

    /// <summary>Correlated 2-D Gaussian data: x2 = 0.8 x1 + 0.3 noise, plus an offset.</summary>
    private static Matrix<double> Correlated(int n, int seed)
    {
        var z = Mat.Gaussian(n, 2, new Rng(seed));
        var x = Mat.Zeros(n, 2);
        for (int i = 0; i < n; i++)
        {
            x[i, 0] = 3 + 2 * z[i, 0];
            x[i, 1] = -1 + 1.6 * z[i, 0] + 0.3 * z[i, 1];
        }
        return x;
    }

    private static double ColumnMean(Matrix<double> x, int j) => x.Column(j).Sum() / x.RowCount;

    /// <summary>The (D, D) covariance, mean (x - mu)ᵀ(x - mu) over rows, computed plainly.</summary>
    private static Matrix<double> Covariance(Matrix<double> x)
    {
        int n = x.RowCount, d = x.ColumnCount;
        var cov = Matrix<double>.Build.Dense(d, d);
        for (int a = 0; a < d; a++)
            for (int b = 0; b < d; b++)
            {
                double ma = ColumnMean(x, a), mb = ColumnMean(x, b), s = 0;
                for (int i = 0; i < n; i++) s += (x[i, a] - ma) * (x[i, b] - mb);
                cov[a, b] = s / n;
            }
        return cov;
    }

    [Fact]
    public void After_mean_subtraction_every_training_column_has_mean_0()
    {
        var train = Offset(500, 6, seed: 1);
        var mean = new MeanSubtraction();
        var centred = mean.FitTransform(train);
        for (int j = 0; j < 6; j++)
            Assert.Equal(0, ColumnMean(centred, j), 1e-12);
        Assert.Equal(ColumnMean(train, 3), mean.Mean[3], 1e-9);
        Assert.Equal(100 + 10 * 3, mean.Mean[3], 0.5); // the mean image is the data's centre
    }

    [Fact]
    public void Transform_applies_the_training_statistics_so_test_data_is_not_centred_on_0()
    {
        var train = Offset(400, 3, seed: 2);
        var test = Offset(100, 3, seed: 3);
        var mean = new MeanSubtraction();
        mean.Fit(train);
        var centredTest = mean.Transform(test);
        for (int j = 0; j < 3; j++)
        {
            double shift = ColumnMean(test, j) - ColumnMean(train, j);
            Assert.NotEqual(0, ColumnMean(centredTest, j), 1e-6);
            Assert.Equal(shift, ColumnMean(centredTest, j), 1e-9);
        }
        Assert.Equal(test[0, 0] - mean.Mean[0], centredTest[0, 0], 1e-12);
    }

    [Fact]
    public void Standardisation_gives_each_training_column_mean_0_and_std_1()
    {
        var train = Offset(300, 4, seed: 4);
        var std = new Standardization();
        var z = std.FitTransform(train);
        for (int j = 0; j < 4; j++)
        {
            Assert.Equal(0, ColumnMean(z, j), 1e-12);
            Assert.Equal(1, Math.Sqrt(Covariance(z.SubMatrix(0, 300, j, 1))[0, 0]), 1e-12);
        }
        Assert.Equal(0, std.ConstantFeatures);
    }

    [Fact]
    public void A_constant_feature_keeps_std_1_and_is_only_centred()
    {
        var train = Mat.OfRows([1, 7], [2, 7], [3, 7]);
        var std = new Standardization();
        var z = std.FitTransform(train);
        Assert.Equal(1, std.Std[1]);
        Assert.Equal(1, std.ConstantFeatures);
        Assert.Equal([0.0, 0, 0], z.Column(1).ToArray());
        Assert.Equal(5, std.Transform(Mat.OfRows([2, 12]))[0, 1]);
    }

    [Fact]
    public void Pca_of_correlated_2_D_data_gives_uncorrelated_components_ordered_by_variance()
    {
        var x = Correlated(2000, seed: 5);
        var pca = new Pca();
        var rotated = pca.FitTransform(x);
        var cov = Covariance(rotated);

        Assert.Equal(0, cov[0, 1], 1e-10);
        Assert.True(cov[0, 0] > cov[1, 1]);
        Assert.Equal(pca.Eigenvalues[0], cov[0, 0], 1e-9);
        Assert.Equal(pca.Eigenvalues[1], cov[1, 1], 1e-9);

        // The eigenvalues of the 2x2 sample covariance [[a, b], [b, c]] in closed form.
        var c0 = Covariance(x);
        double a = c0[0, 0], b = c0[0, 1], c = c0[1, 1];
        double mid = (a + c) / 2, half = Math.Sqrt((a - c) * (a - c) / 4 + b * b);
        Assert.Equal(mid + half, pca.Eigenvalues[0], 1e-9);
        Assert.Equal(mid - half, pca.Eigenvalues[1], 1e-9);
        Assert.Equal(1, pca.ExplainedVarianceRatio.Sum(), 1e-12);

        // Orthonormal directions; the first points along the data's long axis, near (2, 1.6) normalised.
        var u = pca.Components;
        Assert.Equal(1, u.Column(0).L2Norm(), 1e-12);
        Assert.Equal(0, u.Column(0).DotProduct(u.Column(1)), 1e-12);
        Assert.True(u[0, 0] > 0.75 && u[1, 0] > 0.6, $"first component {u.Column(0)}");
    }

    [Fact]
    public void Pca_keeps_the_top_k_components_and_with_all_of_them_reconstructs_the_data()
    {
        var x = Offset(200, 5, seed: 6);
        var top2 = new Pca(components: 2);
        Assert.Equal("(200, 2)", top2.FitTransform(x).Shape());
        Assert.Equal(2, top2.ExplainedVariance.Count);
        Assert.Equal(5, top2.Eigenvalues.Count);
        Assert.Throws<ArgumentException>(() => new Pca(components: 6).Fit(x));

        var all = new Pca();
        var back = all.InverseTransform(all.FitTransform(x));
        Assert.True((back - x).Enumerate().All(v => Math.Abs(v) < 1e-9));
    }

    [Fact]
    public void Whitening_gives_training_data_an_identity_covariance()
    {
        var x = Correlated(1000, seed: 7);
        var white = new Whitening();
        var cov = Covariance(white.FitTransform(x));
        Assert.Equal(1, cov[0, 0], 1e-3);
        Assert.Equal(1, cov[1, 1], 1e-3);
        Assert.Equal(0, cov[0, 1], 1e-10);
        // Exactly: variance l / (l + eps) along each direction, so eps = 1e-5 shrinks the small one most.
        Assert.Equal(1e-5, white.Epsilon);
        for (int i = 0; i < 2; i++)
            Assert.Equal(white.Eigenvalues[i] / (white.Eigenvalues[i] + 1e-5), cov[i, i], 1e-12);
    }

    [Fact]
    public void Per_channel_mean_on_cifar_shaped_data_removes_each_channels_mean()
    {
        var shape = new ImageShape(3, 32, 32);
        var rng = new Rng(8);
        var x = Mat.Zeros(20, shape.Size);
        double[] offsets = [125, 123, 114];
        for (int j = 0; j < shape.Size; j++)
            for (int i = 0; i < 20; i++)
                x[i, j] = offsets[j / 1024] + 30 * rng.Gaussian() + (j % 1024) * 0.01;

        var perChannel = new PerChannelMean(shape);
        var centred = perChannel.FitTransform(x);

        for (int c = 0; c < 3; c++)
        {
            double sum = 0;
            for (int j = c * 1024; j < (c + 1) * 1024; j++) sum += centred.Column(j).Sum();
            Assert.Equal(0, sum / (20 * 1024), 1e-10);
            Assert.Equal(offsets[c] + 5.115, perChannel.ChannelMeans[c], 2.0);
        }
        // One number per channel, not per pixel: the first and last pixel of a channel lose the same amount.
        Assert.Equal(x[0, 0] - centred[0, 0], x[0, 1023] - centred[0, 1023], 1e-12);
    }

    [Fact]
    public void Fitting_empty_data_transforming_before_fit_or_the_wrong_width_are_errors()
    {
        Assert.Throws<InvalidOperationException>(() => new MeanSubtraction().Transform(Mat.Zeros(2, 3)));
        Assert.Throws<InvalidOperationException>(() => new Whitening().Transform(Mat.Zeros(2, 3)));
        Assert.Throws<InvalidOperationException>(() => Pipeline.Parse("mean").Transform(Mat.Zeros(2, 3)));
        Assert.Throws<ArgumentException>(() => new Standardization().Fit(Matrix<double>.Build.Dense(0, 3)));

        var pca = new Pca();
        pca.Fit(Offset(10, 3, seed: 9));
        var error = Assert.Throws<ArgumentException>(() => pca.Transform(Mat.Zeros(2, 4)));
        Assert.Contains("3 features", error.Message);
        Assert.Throws<ArgumentException>(() => new PerChannelMean(new ImageShape(3, 2, 2)).Fit(Mat.Zeros(2, 5)));
        Assert.Throws<ArgumentException>(() => new MeanSubtraction().Fit(Mat.OfRows([1, double.NaN])));
    }

    [Fact]
    public void A_pipeline_parsed_from_names_fits_each_step_on_the_output_of_the_previous()
    {
        var train = Offset(300, 4, seed: 10);
        var pipeline = Pipeline.Parse("mean, std");
        Assert.Equal("mean,std", pipeline.Name);
        Assert.IsType<MeanSubtraction>(pipeline.Steps[0]);
        var z = pipeline.FitTransform(train);
        var std = (Standardization)pipeline.Steps[1];
        Assert.Equal(0, std.Mean[0], 1e-12); // the second step saw centred data
        for (int j = 0; j < 4; j++)
            Assert.Equal(1, Math.Sqrt(Covariance(z.SubMatrix(0, 300, j, 1))[0, 0]), 1e-12);

        Assert.Empty(Pipeline.Parse("none").Steps);
        Assert.Equal(["per-channel-mean", "mean", "pca", "whiten"],
            Pipeline.Parse("per-channel-mean,mean-image,pca,whiten", new ImageShape(1, 2, 2), components: 2).Steps.Select(s => s.Name));
        Assert.Contains("known: mean", Assert.Throws<ArgumentException>(() => Pipeline.Parse("mean,zca")).Message);
        Assert.Contains("image", Assert.Throws<ArgumentException>(() => Pipeline.Parse("per-channel-mean")).Message);
    }

    [Fact]
    public void Preprocessing_splits_fits_on_train_only_and_keeps_images_only_when_features_keep_their_meaning()
    {
        var digits = Digits.Load();
        var splits = Split.Random(digits, val: 300, seed: 1);
        var centred = new MeanSubtraction().FitTransform(splits);
        Assert.Equal(0, ColumnMean(centred.Train.X, 20), 1e-12);
        Assert.NotEqual(0, ColumnMean(centred.Val!.X, 20), 1e-6);
        Assert.Equal(digits.Image, centred.Train.Image);
        Assert.Equal(splits.Val!.Labels, centred.Val.Labels);

        var pca = new Pca(components: 10);
        pca.Fit(splits.Train);
        var rotated = pca.Transform(splits.Val);
        Assert.Null(rotated.Image);
        Assert.Equal(10, rotated.Features);
    }
}
