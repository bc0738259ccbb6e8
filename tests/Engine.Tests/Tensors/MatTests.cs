using NotebookDL.Tensors;

namespace NotebookDL.Tests.Tensors;

/// <summary>The row gather a mini-batch is made with, and the finiteness check the trainer runs every step.</summary>
public class MatTests
{
    [Fact]
    public void SelectRows_of_a_large_matrix_gives_the_rows_in_order_with_one_or_two_threads()
    {
        var x = Mat.Gaussian(500, 300, new Rng(1));
        var rows = new Rng(2).Permutation(500)[..200];
        foreach (int threads in new[] { 1, 2 })
        {
            using var _ = Ops.UseThreads(threads);
            var batch = x.SelectRows(new ArraySegment<int>(rows));
            Assert.Equal((200, 300), (batch.RowCount, batch.ColumnCount));
            for (int i = 0; i < rows.Length; i++)
                Assert.Equal(x.Row(rows[i]), batch.Row(i));
        }
    }

    [Fact]
    public void SelectRows_names_a_row_outside_the_matrix()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Mat.Zeros(3, 2).SelectRows([0, 3]));
        Assert.Contains("row 3 is outside 0..2", e.Message);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void AllFinite_finds_one_bad_value_anywhere(double bad)
    {
        var m = Mat.Gaussian(7, 5, new Rng(3));
        Assert.True(m.AllFinite());
        for (int k = 0; k < 35; k++)
        {
            var copy = m.Clone();
            copy.Data()[k] = bad;
            Assert.False(copy.AllFinite(), $"element {k}");
        }
    }
}
