using MathNet.Numerics.LinearAlgebra;
using NotebookDL.Data;
using NotebookDL.Data.Preprocessing;
using NotebookDL.Tensors;
using NotebookDL.Training;

namespace NotebookDL.Tests.Data;

/// <summary>
/// Examples stored compactly as rows (<see cref="Dataset.AsRows"/>, the loaders' dtype): float32 takes half the
/// bytes, and everything that reads the data set (X, subsets, batches, checks, preprocessing) sees the same values
/// as from a matrix of them.
/// </summary>
public class ExampleRowsTests
{
    private static Dataset Gaussian(int n, int d, int seed = 1) =>
        new("g", Mat.Gaussian(n, d, new Rng(seed)), Enumerable.Range(0, n).Select(i => i % 3).ToArray());

    [Fact]
    public void Float32_rows_take_half_the_bytes_and_hold_each_value_rounded_once()
    {
        var data = Gaussian(50, 13);
        var f32 = data.AsRows(Dtype.Float32);
        var f64 = data.AsRows(Dtype.Float64);
        Assert.Equal((Dtype.Float64, 50L * 13 * 8), (data.Dtype, data.StoredBytes));
        Assert.Equal((Dtype.Float32, 50L * 13 * 4), (f32.Dtype, f32.StoredBytes));
        Assert.Equal((Dtype.Float64, 50L * 13 * 8), (f64.Dtype, f64.StoredBytes));
        Assert.Equal(data.X, f64.X); // exact
        Assert.Equal(data.X.Map(v => (double)(float)v), f32.X); // rounded to nearest once, widened exactly
        Assert.Same(f32, f32.AsRows(Dtype.Float32));
        Assert.Equal(f32.X, f32.AsRows(Dtype.Float64).X); // float to double is exact
        Assert.Equal((data.Name, data.Labels, data.ClassNames), (f32.Name, f32.Labels, f32.ClassNames));
    }

    [Fact]
    public void Stored_values_and_one_example_are_read_from_the_rows_without_making_X()
    {
        var data = Gaussian(30, 13, seed: 4);
        var rows = data.AsRows(Dtype.Float32);
        var rowMajor = Enumerable.Range(0, 30).SelectMany(i => data.X.Row(i).Select(v => (double)(float)v)).ToArray();
        Assert.Equal(rowMajor, rows.StoredValues());
        Assert.Equal(data.X.Data(), data.StoredValues()); // a matrix's values, column by column
        Assert.Equal(rowMajor[(7 * 13)..(8 * 13)], rows.Example(7));
        Assert.Equal(data.X.Row(7).ToArray(), data.Example(7));
        Assert.False(rows.HoldsMadeX);
        Assert.Throws<ArgumentOutOfRangeException>(() => rows.Example(-1));
    }

    [Theory]
    [InlineData(13, new[] { 0, 1, 7, 8, 9, 30 })]  // widths and counts around the 8-row and 8-column blocks
    [InlineData(700, new[] { 200, 250 })]        // enough values for two threads and two column blocks
    public void Examples_of_rows_equal_SelectRows_of_the_matrix_in_either_precision(int width, int[] counts)
    {
        var data = Gaussian(300, width, seed: width);
        var order = new Rng(2).Permutation(300);
        foreach (int threads in new[] { 1, 2 })
        {
            using var _ = Ops.UseThreads(threads);
            foreach (int count in counts)
            {
                var rows = order[..count];
                var expected = data.X.SelectRows(rows);
                Assert.Equal(expected, data.AsRows(Dtype.Float64).Examples<double>(rows));
                Assert.Equal(Mat.To<float>(expected), data.AsRows(Dtype.Float64).Examples<float>(rows)); // converted on the way
                Assert.Equal(Mat.To<float>(expected), data.AsRows(Dtype.Float32).Examples<float>(rows));
            }
        }
    }

    [Fact]
    public void A_subset_of_rows_stays_rows_of_its_dtype_and_names_a_row_outside_the_set()
    {
        var data = Gaussian(20, 5).AsRows(Dtype.Float32);
        var subset = data.Subset([3, 0, 19], "three");
        Assert.Equal((Dtype.Float32, 3, "three"), (subset.Dtype, subset.Count, subset.Name));
        Assert.Equal(data.X.SelectRows([3, 0, 19]), subset.X);
        Assert.Equal([data.Labels[3], data.Labels[0], data.Labels[19]], subset.Labels);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => data.Subset([1, 20]));
        Assert.Contains("row 20 is outside 0..19", e.Message);
    }

    [Fact]
    public void Rows_and_the_matrix_give_the_same_fingerprint_and_the_same_error_for_a_NaN()
    {
        var data = Gaussian(40, 6);
        Assert.Equal(data.Fingerprint, data.AsRows(Dtype.Float64).Fingerprint);
        var x = data.X.Clone();
        x[17, 4] = double.NaN;
        var bad = new Dataset("bad", x, data.Y);
        var fromMatrix = Assert.Throws<ArgumentException>(() => bad.RequireFinite("the training set"));
        var fromRows = Assert.Throws<ArgumentException>(() => bad.AsRows(Dtype.Float32).RequireFinite("the training set"));
        Assert.Equal(fromMatrix.Message, fromRows.Message);
        Assert.Contains("row 17, column 4", fromRows.Message);
    }

    [Fact]
    public void X_made_from_rows_is_not_kept_once_nobody_holds_it()
    {
        var rows = Gaussian(100, 10).AsRows(Dtype.Float32);
        var weak = MakeAndDrop(rows);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        Assert.False(weak.TryGetTarget(out _));
        Assert.Equal(rows.X, rows.X); // and made again, the same, when asked for

        static WeakReference<Matrix<double>> MakeAndDrop(Dataset d) => new(d.X);
    }

    [Fact]
    public void Preprocessing_rows_gives_rows_of_the_same_dtype_holding_the_transformed_values_rounded()
    {
        var data = Gaussian(60, 8);
        var rows = data.AsRows(Dtype.Float32);
        var mean = new MeanSubtraction();
        mean.Fit(rows);
        var result = mean.Transform(rows);
        Assert.Equal(Dtype.Float32, result.Dtype);
        var expected = new MeanSubtraction();
        expected.Fit(rows.X);
        Assert.Equal(expected.Transform(rows.X).Map(v => (double)(float)v), result.X);
        Assert.Equal(Dtype.Float64, mean.Transform(data).Dtype); // a matrix stays a matrix
    }

    [Fact]
    public void An_MNIST_folder_loads_in_float32_with_the_same_pixels_in_half_the_bytes()
    {
        using var temp = new TempFolder();
        var pixels = Enumerable.Range(0, 3 * 4).Select(k => (byte)(k * 23 % 256)).ToArray();
        temp.Write("train-images-idx3-ubyte", TempFolder.IdxImages(3, 2, 2, pixels));
        temp.Write("train-labels-idx1-ubyte", TempFolder.IdxLabels([4, 0, 9]));
        var f64 = Mnist.LoadFolder(temp.Path).Train!;
        var f32 = Mnist.LoadFolder(temp.Path, dtype: Dtype.Float32).Train!;
        Assert.Equal((Dtype.Float64, Dtype.Float32), (f64.Dtype, f32.Dtype));
        Assert.Equal(2 * f32.StoredBytes, f64.StoredBytes);
        Assert.Equal(f64.X, f32.X);
        Assert.Equal(pixels.Skip(4).Take(4).Select(b => (double)b), Enumerable.Range(0, 4).Select(j => f32.X[1, j]));
    }
}

/// <summary>The real CIFAR-10 batch in float32: 3072 pixels an image in 4 bytes each (12 KB, not 24).</summary>
[Collection("real CIFAR-10")]
public class Cifar10RowsTests
{
    [SkippableFact]
    public void A_CIFAR_10_batch_in_float32_holds_the_same_pixels_in_half_the_bytes()
    {
        var path = Path.Combine(SharedData.Require("cifar10"), "data_batch_1.bin");
        var f64 = Cifar10.LoadFile(path, maxRecords: 2000);
        var f32 = Cifar10.LoadFile(path, maxRecords: 2000, dtype: Dtype.Float32);
        Assert.Equal(2000L * 3072 * 4, f32.StoredBytes); // 24.6 MB; 50,000 images: 614 MB
        Assert.Equal(2000L * 3072 * 8, f64.StoredBytes);
        Assert.Equal(f64.X, f32.X); // bytes 0..255 are exact in both
        Assert.Equal(f64.Labels, f32.Labels);
        Assert.Equal(f64.Fingerprint, f32.Fingerprint);
    }
}
