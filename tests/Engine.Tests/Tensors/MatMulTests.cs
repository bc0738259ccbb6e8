using MathNet.Numerics.LinearAlgebra;
using NotebookDL.Tensors;

namespace NotebookDL.Tests.Tensors;

/// <summary>
/// Ops' products on MathNet matrices: each is <see cref="Gemm"/> on the stored arrays with the right
/// transposes (Gemm itself is checked against the fma chain in <see cref="GemmTests{T}"/>), and the
/// arguments are checked.
/// </summary>
public class MatMulTests
{
    [Fact]
    public void The_three_products_are_Gemm_on_the_stored_arrays()
    {
        var a = Random(45, 30, 1);
        var b = Random(30, 23, 2);
        var at = Random(30, 45, 3);
        var bt = Random(23, 30, 4);
        AssertBitIdentical(Expected(a, false, b, false, 45, 23, 30), Ops.MatMul(a, b));
        AssertBitIdentical(Expected(at, true, b, false, 45, 23, 30), Ops.MatMulTransA(at, b));
        AssertBitIdentical(Expected(a, false, bt, true, 45, 23, 30), Ops.MatMulTransB(a, bt));
    }

    [Fact]
    public void Into_overwrites_the_output_and_rejects_an_input_as_output()
    {
        var a = Random(20, 30, 13);
        var b = Random(30, 20, 14);
        var c = Mat.Filled(20, 20, double.NaN);
        Ops.MatMulInto(a, b, c);
        AssertBitIdentical(Ops.MatMul(a, b).Data(), c);
        var square = Random(20, 20, 15);
        var e = Assert.Throws<ArgumentException>(() => Ops.MatMulInto(square, square, square));
        Assert.Contains("must not be one of its inputs", e.Message);
        var shape = Assert.Throws<ArgumentException>(() => Ops.MatMulTransBInto(a, b, Mat.Zeros(20, 30)));
        Assert.Contains("(20, 30)", shape.Message);
    }

    [Fact]
    public void An_empty_inner_dimension_gives_zeros()
    {
        var c = Mat.Filled(3, 4, 7.0);
        Ops.MatMulInto(Mat.Zeros(3, 0), Mat.Zeros(0, 4), c);
        Assert.All(c.Data(), v => Assert.Equal(0.0, v));
    }

    private static double[] Expected(Matrix<double> a, bool transA, Matrix<double> b, bool transB, int m, int n, int k)
    {
        var c = new double[m * n];
        Gemm.Multiply(a.Data(), transA, b.Data(), transB, c, m, n, k, Ops.MaxThreads);
        return c;
    }

    private static void AssertBitIdentical(double[] expected, Matrix<double> actual)
    {
        var got = actual.Data();
        Assert.Equal(expected.Length, got.Length);
        for (int q = 0; q < expected.Length; q++)
            if (BitConverter.DoubleToInt64Bits(expected[q]) != BitConverter.DoubleToInt64Bits(got[q]))
                Assert.Fail($"element {q} differs: {expected[q]:R} vs {got[q]:R}");
    }

    private static Matrix<double> Random(int rows, int cols, int seed) => Mat.Gaussian(rows, cols, new Rng(seed));
}
