using System.Numerics;
using NotebookDL.Tensors;

namespace NotebookDL.Tests.Tensors;

/// <summary>The checks of <see cref="GemmTests{T}"/> in float64.</summary>
public class GemmFloat64Tests : GemmTests<double>;

/// <summary>The checks of <see cref="GemmTests{T}"/> in float32.</summary>
public class GemmFloat32Tests : GemmTests<float>;

/// <summary>
/// The three products of a dense layer (X·W, Xᵀ·dOut, dOut·Wᵀ) against the naive fma chain in the element
/// type T, on odd shapes (edge tiles in both directions), the cs231n net's own shapes and a k long enough to
/// be split into groups, with every kernel and thread count. One body, run once per precision by the two
/// classes above.
/// </summary>
public abstract class GemmTests<T> where T : unmanaged, IFloatingPointIeee754<T>
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
        { 37, 7001, 301 },  // k·n past the 8 MB packed-B budget in either precision: k is cut into groups
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void A_times_B_is_the_naive_fma_chain(int m, int k, int n) => AssertProductIsFmaChain(m, k, n, false, false, 1);

    [Theory]
    [MemberData(nameof(Shapes))]
    public void A_transposed_times_B_is_the_naive_fma_chain(int m, int k, int n) => AssertProductIsFmaChain(m, k, n, true, false, 2);

    [Theory]
    [MemberData(nameof(Shapes))]
    public void A_times_B_transposed_is_the_naive_fma_chain(int m, int k, int n) => AssertProductIsFmaChain(m, k, n, false, true, 3);

    [Theory]
    [InlineData("Avx512Tall")]
    [InlineData("Avx512Wide")]
    [InlineData("Avx2")]
    [InlineData("Scalar")]
    public void Every_kernel_gives_the_fma_chain_bits(string kernel)
    {
        Gemm.ForcedKernel = Enum.Parse<GemmKernel>(kernel);
        try
        {
            // 45 rows and 23 columns leave partial tiles for every kernel's MR and NR in both precisions.
            AssertProductIsFmaChain(45, 300, 23, false, false, 4);
            AssertProductIsFmaChain(45, 300, 23, true, false, 5);
            AssertProductIsFmaChain(45, 300, 23, false, true, 6);
            AssertProductIsFmaChain(3, 20, 2, false, false, 7); // fewer rows than any tile
        }
        finally
        {
            Gemm.ForcedKernel = null;
        }
    }

    [Fact]
    public void With_AVX_512_a_product_gets_the_tile_shape_that_pads_it_least()
    {
        if (!System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated)
        {
            Assert.NotEqual(GemmKernel.Avx512Tall, Gemm.KernelFor<T>(2048, 2048));
            return;
        }
        int lanes = System.Runtime.Intrinsics.Vector512<T>.Count; // 16 floats or 8 doubles
        Assert.Equal(GemmKernel.Avx512Tall, Gemm.KernelFor<T>(2048, 2048));          // no padding either way: the faster shape
        Assert.Equal(GemmKernel.Avx512Tall, Gemm.KernelFor<T>(3072, 50));            // 50 columns: 54 in tiles of 6, 60 in tiles of 12
        Assert.Equal(GemmKernel.Avx512Wide, Gemm.KernelFor<T>(6 * lanes, 2048));     // six vectors of rows: eight in tiles of four
        // The forward product of 3072-50-10 at batch 200: 200 rows as 256 × 54 against 224 × 60 in float32,
        // and as 224 × 54 against 208 × 60 in float64.
        Assert.Equal(lanes == 16 ? GemmKernel.Avx512Wide : GemmKernel.Avx512Tall, Gemm.KernelFor<T>(200, 50));
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public void One_or_two_threads_give_bit_identical_products(bool transA, bool transB)
    {
        const int m = 515, k = 700, n = 301;
        var a = Random(m * k, 10);
        var b = Random(k * n, 11);
        var one = Product(a, transA, b, transB, m, n, k, maxThreads: 1);
        var two = Product(a, transA, b, transB, m, n, k, maxThreads: 2);
        for (int q = 0; q < one.Length; q++)
            if (!SameBits(one[q], two[q]))
                Assert.Fail($"element {q} differs: {one[q]:R} on 1 thread, {two[q]:R} on 2");
    }

    [Fact]
    public void An_empty_inner_dimension_gives_zeros()
    {
        var c = Product([], false, [], false, 3, 4, 0, maxThreads: 2);
        Assert.All(c, v => Assert.Equal(T.Zero, v));
    }

    /// <summary>
    /// Every element of op(A)·op(B) must be exactly the fma chain in k order in T (the kernels' contract,
    /// which makes the result independent of blocking and threads) and, as a check on the reference itself,
    /// within (k + 1) ulp(1) · Σ|a·b| of the sum taken in double.
    /// </summary>
    private static void AssertProductIsFmaChain(int m, int k, int n, bool transA, bool transB, int seed)
    {
        var a = Random(m * k, seed);
        var b = Random(k * n, seed + 100);
        var c = Product(a, transA, b, transB, m, n, k, maxThreads: 2);
        // op(A)[i, p] and op(B)[p, j] in the column-major storage Gemm reads.
        T A(int i, int p) => transA ? a[i * k + p] : a[p * m + i];
        T B(int p, int j) => transB ? b[p * n + j] : b[j * k + p];
        double tolerance = (k + 1) * double.CreateChecked(T.BitIncrement(T.One) - T.One);
        for (int j = 0; j < n; j++)
        {
            for (int i = 0; i < m; i++)
            {
                T fused = T.Zero;
                double plain = 0, magnitude = 0;
                for (int p = 0; p < k; p++)
                {
                    T x = A(i, p), y = B(p, j);
                    fused = T.FusedMultiplyAdd(x, y, fused);
                    double xy = double.CreateChecked(x) * double.CreateChecked(y);
                    plain += xy;
                    magnitude += Math.Abs(xy);
                }
                T got = c[j * m + i];
                if (!SameBits(got, fused))
                    Assert.Fail($"C[{i}, {j}] of op(A) ({m}, {k}) · op(B) ({k}, {n}) (transA {transA}, transB {transB}) is {got:R}, the fma chain gives {fused:R}");
                Assert.True(Math.Abs(double.CreateChecked(got) - plain) <= tolerance * magnitude, $"C[{i}, {j}] = {got:R}, sum in double {plain:R}");
            }
        }
    }

    /// <summary>C (m, n) from column-major A ((m, k), or (k, m) when transA) and B ((k, n), or (n, k) when transB).</summary>
    private static T[] Product(T[] a, bool transA, T[] b, bool transB, int m, int n, int k, int maxThreads)
    {
        var c = Enumerable.Repeat(T.NaN, m * n).ToArray(); // the product must overwrite every element
        Gemm.Multiply(a, transA, b, transB, c, m, n, k, maxThreads);
        return c;
    }

    private static bool SameBits(T x, T y) =>
        typeof(T) == typeof(float)
            ? BitConverter.SingleToInt32Bits(float.CreateChecked(x)) == BitConverter.SingleToInt32Bits(float.CreateChecked(y))
            : BitConverter.DoubleToInt64Bits(double.CreateChecked(x)) == BitConverter.DoubleToInt64Bits(double.CreateChecked(y));

    /// <summary>Standard normal values rounded to T.</summary>
    private static T[] Random(int count, int seed)
    {
        var rng = new Rng(seed);
        return Enumerable.Range(0, count).Select(_ => T.CreateChecked(rng.Gaussian())).ToArray();
    }
}
