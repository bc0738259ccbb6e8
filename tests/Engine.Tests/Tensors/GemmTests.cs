using MathNet.Numerics.LinearAlgebra;
using NotebookDL.Tensors;

namespace NotebookDL.Tests.Tensors;

/// <summary>
/// The three products of a dense layer (X·W, Xᵀ·dOut, dOut·Wᵀ) against naive triple loops, on odd shapes
/// and on the cs231n net's own shapes, with every kernel and thread count.
/// </summary>
public class GemmTests
{
    public static TheoryData<int, int, int> Shapes => new()
    {
        { 1, 1, 1 },
        { 7, 13, 5 },
        { 3, 1, 40 },
        { 17, 300, 29 },
        { 33, 65, 1 },
        { 100, 257, 130 },
        { 200, 3072, 50 },  // forward X·W1 of the 3072-50-10 net at batch 200
        { 3072, 200, 50 },  // dW1 = Xᵀ·dH (as Aᵀ·B with A (200, 3072))
        { 200, 50, 3072 },  // dX = dH·W1ᵀ
        { 3072, 50, 1 },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void A_times_B_is_the_naive_triple_loop(int m, int k, int n)
    {
        var (a, b) = (Random(m, k, 1), Random(k, n, 2));
        var c = Ops.MatMul(a, b);
        AssertProduct(c, m, n, k, (i, p) => a[i, p], (p, j) => b[p, j]);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void A_transposed_times_B_is_the_naive_triple_loop(int m, int k, int n)
    {
        var (a, b) = (Random(k, m, 3), Random(k, n, 4));
        var c = Ops.MatMulTransA(a, b);
        AssertProduct(c, m, n, k, (i, p) => a[p, i], (p, j) => b[p, j]);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void A_times_B_transposed_is_the_naive_triple_loop(int m, int k, int n)
    {
        var (a, b) = (Random(m, k, 5), Random(n, k, 6));
        var c = Ops.MatMulTransB(a, b);
        AssertProduct(c, m, n, k, (i, p) => a[i, p], (p, j) => b[j, p]);
    }

    [Theory]
    [InlineData("avx2")]
    [InlineData("scalar")]
    public void Every_kernel_gives_the_same_bits(string name)
    {
        var kernel = name == "avx2" ? GemmKernel.Avx2 : GemmKernel.Scalar;
        var a = Random(45, 300, 7);
        var b = Random(300, 23, 8);
        var expected = Ops.MatMul(a, b);
        var expectedT = Ops.MatMulTransA(Random(300, 45, 9), b);
        Gemm.ForcedKernel = kernel;
        try
        {
            AssertBitIdentical(expected, Ops.MatMul(a, b));
            AssertBitIdentical(expectedT, Ops.MatMulTransA(Random(300, 45, 9), b));
        }
        finally
        {
            Gemm.ForcedKernel = null;
        }
    }

    [Fact]
    public void One_or_two_threads_give_bit_identical_products()
    {
        var a = Random(515, 700, 10);
        var b = Random(700, 301, 11);
        var bt = Random(301, 700, 12);
        int saved = Ops.MaxThreads;
        try
        {
            Ops.MaxThreads = 1;
            var (c1, t1, u1) = (Ops.MatMul(a, b), Ops.MatMulTransA(b, b), Ops.MatMulTransB(a, bt));
            Ops.MaxThreads = 2;
            var (c2, t2, u2) = (Ops.MatMul(a, b), Ops.MatMulTransA(b, b), Ops.MatMulTransB(a, bt));
            AssertBitIdentical(c1, c2);
            AssertBitIdentical(t1, t2);
            AssertBitIdentical(u1, u2);
        }
        finally
        {
            Ops.MaxThreads = saved;
        }
    }

    [Fact]
    public void Into_overwrites_the_output_and_rejects_an_input_as_output()
    {
        var a = Random(20, 30, 13);
        var b = Random(30, 20, 14);
        var c = Mat.Filled(20, 20, double.NaN);
        Ops.MatMulInto(a, b, c);
        AssertBitIdentical(Ops.MatMul(a, b), c);
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

    /// <summary>
    /// Each element must be exactly the fma chain in k order (the kernels' contract, which makes the result
    /// independent of blocking and threads) and within 1e-12 of the plainly rounded sum.
    /// </summary>
    private static void AssertProduct(Matrix<double> c, int m, int n, int k, Func<int, int, double> a, Func<int, int, double> b)
    {
        Assert.Equal(m, c.RowCount);
        Assert.Equal(n, c.ColumnCount);
        var av = new double[m * k];
        var bv = new double[k * n];
        for (int i = 0; i < m; i++) for (int p = 0; p < k; p++) av[i * k + p] = a(i, p);
        for (int p = 0; p < k; p++) for (int j = 0; j < n; j++) bv[j * k + p] = b(p, j);
        var cd = c.Data();
        for (int j = 0; j < n; j++)
        {
            for (int i = 0; i < m; i++)
            {
                double fused = 0, plain = 0, magnitude = 0;
                for (int p = 0; p < k; p++)
                {
                    double x = av[i * k + p], y = bv[j * k + p];
                    fused = Math.FusedMultiplyAdd(x, y, fused);
                    plain += x * y;
                    magnitude += Math.Abs(x * y);
                }
                double got = cd[j * m + i];
                if (BitConverter.DoubleToInt64Bits(got) != BitConverter.DoubleToInt64Bits(fused))
                    Assert.Fail($"C[{i}, {j}] of ({m}, {k})·({k}, {n}) is {got:R}, the fma chain gives {fused:R}");
                Assert.True(Math.Abs(got - plain) <= 1e-12 * magnitude, $"C[{i}, {j}] = {got:R}, naive sum {plain:R}");
            }
        }
    }

    private static void AssertBitIdentical(Matrix<double> expected, Matrix<double> actual)
    {
        Assert.Equal(expected.RowCount, actual.RowCount);
        Assert.Equal(expected.ColumnCount, actual.ColumnCount);
        var (e, a) = (expected.Data(), actual.Data());
        for (int q = 0; q < e.Length; q++)
            if (BitConverter.DoubleToInt64Bits(e[q]) != BitConverter.DoubleToInt64Bits(a[q]))
                Assert.Fail($"element {q} differs: {e[q]:R} vs {a[q]:R}");
    }

    private static Matrix<double> Random(int rows, int cols, int seed) => Mat.Gaussian(rows, cols, new Rng(seed));
}
