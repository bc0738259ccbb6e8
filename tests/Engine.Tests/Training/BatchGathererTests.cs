using NotebookDL.Tensors;
using NotebookDL.Training;

namespace NotebookDL.Tests.Training;

/// <summary>The trainer's mini-batches come out exactly as X.SelectRows(order[start .. start+count]).</summary>
public class BatchGathererTests
{
    [Theory]
    [InlineData(1L << 30)]   // the whole epoch in one chunk
    [InlineData(7 * 8 * 30)] // 30 rows of 7 columns: chunks of 30 rows (3 batches of 10), the last chunk partial
    public void Batches_equal_SelectRows_of_the_shuffled_order_across_chunks_and_epochs(long budgetBytes)
    {
        var x = Mat.Gaussian(95, 7, new Rng(1));
        var rng = new Rng(2);
        var order = Enumerable.Range(0, 95).ToArray();
        using var batches = new BatchGatherer<double>(x, batchSize: 10, budgetBytes);
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
