using NotebookDL.Data;
using NotebookDL.Tensors;
using NotebookDL.Training;

namespace NotebookDL.Tests.Training;

/// <summary>
/// The trainer's mini-batches come out exactly as X.SelectRows(order[start .. start+count]), in the run's
/// precision, whether the data set is its matrix X or rows stored in float64 or float32.
/// </summary>
public class BatchGathererTests
{
    [Theory]
    [InlineData(1L << 30)]   // the whole epoch in one chunk
    [InlineData(7 * 8 * 30)] // 30 rows of 7 columns: chunks of 30 rows (3 batches of 10), the last chunk partial
    public void Batches_of_a_matrix_equal_SelectRows_of_the_shuffled_order_across_chunks_and_epochs(long budgetBytes)
    {
        var x = Mat.Gaussian(95, 7, new Rng(1));
        using var batches = new BatchGatherer<double>(Data(x), batchSize: 10, budgetBytes);
        AssertBatches(x, batches);
    }

    [Fact]
    public void Batches_of_float64_rows_are_the_same_doubles()
    {
        var x = Mat.Gaussian(95, 7, new Rng(1));
        using var batches = new BatchGatherer<double>(Data(x).AsRows(Dtype.Float64), batchSize: 10);
        AssertBatches(x, batches);
    }

    [Fact]
    public void Batches_of_float32_rows_are_the_values_rounded_to_float32_once()
    {
        var x = Mat.Gaussian(95, 7, new Rng(1));
        var rounded = Mat.To<float>(x);
        using var batches = new BatchGatherer<float>(Data(x).AsRows(Dtype.Float32), batchSize: 10);
        AssertBatches(rounded, batches);
        // and a float64 run on float32 rows computes on the same rounded values, widened exactly
        using var wide = new BatchGatherer<double>(Data(x).AsRows(Dtype.Float32), batchSize: 10);
        AssertBatches(rounded.Map(v => (double)v), wide);
    }

    [Fact]
    public void A_large_batch_of_rows_is_the_same_with_one_or_two_threads()
    {
        var x = Mat.Gaussian(400, 700, new Rng(3)); // 200 × 700 values: enough to split over threads
        var rows = Data(x).AsRows(Dtype.Float32);
        var order = new Rng(4).Permutation(400);
        var results = new List<float[]>();
        foreach (int threads in new[] { 1, 2 })
        {
            using var _ = Ops.UseThreads(threads);
            using var batches = new BatchGatherer<float>(rows, batchSize: 200);
            var batch = batches.Batch(order, 200, 200);
            Assert.Equal(Mat.To<float>(x.SelectRows(order[200..])), batch);
            results.Add(batch.Data().ToArray());
        }
        Assert.Equal(results[0], results[1]);
    }

    private static Dataset Data(MathNet.Numerics.LinearAlgebra.Matrix<double> x) =>
        new("x", x, Enumerable.Range(0, x.RowCount).Select(i => i % 3).ToArray());

    private static void AssertBatches<T>(MathNet.Numerics.LinearAlgebra.Matrix<T> x, BatchGatherer<T> batches)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var rng = new Rng(2);
        var order = Enumerable.Range(0, x.RowCount).ToArray();
        for (int epoch = 0; epoch < 2; epoch++)
        {
            rng.Shuffle(order);
            batches.Reset();
            for (int start = 0; start < order.Length; start += 10)
            {
                int count = Math.Min(10, order.Length - start);
                var expected = x.SelectRows(new ArraySegment<int>(order, start, count));
                Assert.Equal(expected, batches.Batch(order, start, count));
            }
        }
    }
}
