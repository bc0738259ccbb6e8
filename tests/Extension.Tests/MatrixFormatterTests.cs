using MathNet.Numerics.LinearAlgebra;
using NotebookDL.Extension.Formatters;

namespace NotebookDL.Tests.Extension;

public class MatrixFormatterTests : IClassFixture<SharedKernel>
{
    private readonly NotebookKernel _kernel;

    public MatrixFormatterTests(SharedKernel shared) => _kernel = shared.Kernel;

    [Fact]
    public async Task A_DenseMatrix_returned_from_a_cell_is_shown_by_the_Matrix_formatter_with_its_shape_and_min_mean_max()
    {
        // Matrix<double>.Build.Dense returns a DenseMatrix: the formatter registered for the base type applies.
        var cell = await _kernel.SubmitAsync("MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(2, 3, (i, j) => 10 * i + j + 0.25)");
        Assert.True(cell.Succeeded, cell.Describe());
        Assert.Contains("Matrix (2, 3)", cell.Html);
        Assert.Contains(">12.25<", cell.Html);
        Assert.Contains("min 0.25, mean 6.25, max 12.25", cell.Html);
        Assert.Contains("Matrix (2, 3)", cell.Text);
        HtmlChecks.AssertReadable(cell.Html);
    }

    [Fact]
    public async Task A_DenseMatrix_made_with_OfArray_picks_up_the_formatter_too()
    {
        var cell = await _kernel.SubmitAsync("MathNet.Numerics.LinearAlgebra.Double.DenseMatrix.OfArray(new double[,] { { 1, 2 }, { 3, 4 } })");
        Assert.True(cell.Succeeded, cell.Describe());
        Assert.Contains("Matrix (2, 2)", cell.Html);
        Assert.Contains("min 1, mean 2.5, max 4", cell.Html);
    }

    [Fact]
    public void A_large_matrix_shows_its_first_and_last_five_rows_and_columns_with_an_ellipsis()
    {
        var m = Matrix<double>.Build.Dense(100, 200, (i, j) => i + j / 1000.0);
        var html = MatrixFormatter.Html(m);
        Assert.Contains("Matrix (100, 200), first and last 5 rows and columns", html);
        Assert.Contains("…", html);
        Assert.Contains("<b>4</b>", html);
        Assert.Contains("<b>95</b>", html);
        Assert.DoesNotContain("<b>50</b>", html);
        Assert.Contains(">99.2<", html);   // row 99, column 199: 99.199 at 4 significant digits
        Assert.Equal(11, MatrixFormatter.Indices(100).Count);
        Assert.Equal(11, MatrixFormatter.Indices(11).Count); // 11 fit whole
        HtmlChecks.AssertReadable(html);
        Assert.Contains("⋮", MatrixFormatter.Text(m));
    }

    [Fact]
    public async Task A_vector_returned_from_a_cell_is_a_one_row_table()
    {
        var cell = await _kernel.SubmitAsync("MathNet.Numerics.LinearAlgebra.Vector<double>.Build.Dense(new double[] { 0.1 + 0.2, 2, 3 })");
        Assert.True(cell.Succeeded, cell.Describe());
        Assert.Contains("Vector (3)", cell.Html);
        Assert.Contains(">0.3<", cell.Html); // not 0.30000000000000004
        HtmlChecks.AssertReadable(cell.Html);
    }

    [Fact]
    public void NaN_and_infinity_are_counted_apart_from_the_summary()
    {
        var m = Matrix<double>.Build.DenseOfArray(new[,] { { 1, double.NaN }, { 3, double.PositiveInfinity } });
        var html = MatrixFormatter.Html(m);
        Assert.Contains("min 1, mean 2, max 3 (over the finite elements; 2 are NaN or infinite)", html);
        Assert.Contains(">NaN<", html);
        Assert.Contains(">inf<", html);
    }
}
