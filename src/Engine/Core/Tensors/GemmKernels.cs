using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace NotebookDL.Tensors;

/// <summary>
/// The register-blocked micro-kernels of <see cref="Gemm"/>, for float or double elements T: each computes
/// one tile of C, MR rows by w columns, from a packed A micro-panel (kc × MR, k-major) and a packed B
/// micro-panel (kc × w, k-major). Every element is one chain of fused multiply-adds in k order,
/// c = fma(a[i,p], b[p,j], c), starting from 0 or from C: so the tile size, the kernel (AVX-512, AVX2 or
/// scalar) and the blocking never change a bit of the result.
/// <para>
/// A tile is a number of vectors tall whatever T is, so both precisions use the same registers and the same
/// bytes per k step. AVX-512 has two shapes of 24 accumulators: four vectors × 6 columns (64 floats or 32
/// doubles tall: 10 loads per 24 FMAs, and a B micro-panel small enough to stay in L1) and two vectors ×
/// 12 columns (14 loads, but half the rows to pad when a product has few). <see cref="Gemm"/> picks one per
/// product, by the padding each would compute.
/// </para>
/// </summary>
internal static unsafe class GemmKernels<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private static int L512 => Vector512<T>.Count;
    private static int L256 => Vector256<T>.Count;
    private const int MRScalar = 4, NRScalar = 4;

    /// <summary>Rows × widest columns of a tile of each kernel (the AVX-512 ones both 24 vectors of T).</summary>
    public static (int MR, int NR) Tile(GemmKernel kind) => kind switch
    {
        GemmKernel.Avx512Tall => (4 * Vector512<T>.Count, 6),
        GemmKernel.Avx512Wide => (2 * Vector512<T>.Count, 12),
        GemmKernel.Avx2 => (2 * Vector256<T>.Count, 6), // 12 accumulators of the 16 ymm registers
        _ => (MRScalar, NRScalar),
    };

    /// <summary>Elements of the largest tile of any kernel (a partial tile's scratch).</summary>
    public static int MaxTileElements { get; } = Enum.GetValues<GemmKernel>().Max(kind => Tile(kind).MR * Tile(kind).NR);

    /// <summary>C[tile] (+)= A_panel · B_panel with the kernel of <paramref name="kind"/>; w is the tile's width.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Run(GemmKernel kind, int kc, int w, T* a, T* b, T* c, int ldc, bool accumulate)
    {
        switch (kind)
        {
            case GemmKernel.Avx512Tall: Run512<H4>(kc, w, a, b, c, ldc, accumulate); break;
            case GemmKernel.Avx512Wide: Run512<H2>(kc, w, a, b, c, ldc, accumulate); break;
            case GemmKernel.Avx2: Run256(kc, w, a, b, c, ldc, accumulate); break;
            default: Scalar(kc, w, a, b, c, ldc, accumulate); break;
        }
    }

    /// <summary>w is at most the shape's NR (6 for four vectors tall, 12 for two).</summary>
    private static void Run512<TH>(int kc, int w, T* a, T* b, T* c, int ldc, bool acc) where TH : struct, IWidth
    {
        switch (w)
        {
            case 12: K512<TH, W12>(kc, a, b, c, ldc, acc); break;
            case 11: K512<TH, W11>(kc, a, b, c, ldc, acc); break;
            case 10: K512<TH, W10>(kc, a, b, c, ldc, acc); break;
            case 9: K512<TH, W9>(kc, a, b, c, ldc, acc); break;
            case 8: K512<TH, W8>(kc, a, b, c, ldc, acc); break;
            case 7: K512<TH, W7>(kc, a, b, c, ldc, acc); break;
            case 6: K512<TH, W6>(kc, a, b, c, ldc, acc); break;
            case 5: K512<TH, W5>(kc, a, b, c, ldc, acc); break;
            case 4: K512<TH, W4>(kc, a, b, c, ldc, acc); break;
            case 3: K512<TH, W3>(kc, a, b, c, ldc, acc); break;
            case 2: K512<TH, W2>(kc, a, b, c, ldc, acc); break;
            default: K512<TH, W1>(kc, a, b, c, ldc, acc); break;
        }
    }

    private static void Run256(int kc, int w, T* a, T* b, T* c, int ldc, bool acc)
    {
        switch (w)
        {
            case 6: K256<W6>(kc, a, b, c, ldc, acc); break;
            case 5: K256<W5>(kc, a, b, c, ldc, acc); break;
            case 4: K256<W4>(kc, a, b, c, ldc, acc); break;
            case 3: K256<W3>(kc, a, b, c, ldc, acc); break;
            case 2: K256<W2>(kc, a, b, c, ldc, acc); break;
            default: K256<W1>(kc, a, b, c, ldc, acc); break;
        }
    }

    /// <summary>
    /// A tile of H vectors (2 or 4) × W columns with AVX-512 (H·W ≤ 24): per k, H loads of A and W broadcasts
    /// of B feed H·W independent FMA chains (enough to hide the FMA latency). H and W are types, so the JIT
    /// compiles one unrolled kernel per shape and drops the unused accumulators. Column j's vectors are
    /// x_j, y_j (and z_j, u_j when four tall).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void K512<TH, TW>(int kc, T* a, T* b, T* c, int ldc, bool acc) where TH : struct, IWidth where TW : struct, IWidth
    {
        int w = TW.N, l = L512, mr = TH.N * L512;
        bool tall = TH.N == 4;
        Vector512<T> x0 = default, x1 = default, x2 = default, x3 = default, x4 = default, x5 = default,
            x6 = default, x7 = default, x8 = default, x9 = default, x10 = default, x11 = default;
        Vector512<T> y0 = default, y1 = default, y2 = default, y3 = default, y4 = default, y5 = default,
            y6 = default, y7 = default, y8 = default, y9 = default, y10 = default, y11 = default;
        Vector512<T> z0 = default, z1 = default, z2 = default, z3 = default, z4 = default, z5 = default;
        Vector512<T> u0 = default, u1 = default, u2 = default, u3 = default, u4 = default, u5 = default;
        if (acc)
        {
            T* cj = c;
            Load(cj, l, tall, out x0, out y0, ref z0, ref u0);
            if (w > 1) { cj += ldc; Load(cj, l, tall, out x1, out y1, ref z1, ref u1); }
            if (w > 2) { cj += ldc; Load(cj, l, tall, out x2, out y2, ref z2, ref u2); }
            if (w > 3) { cj += ldc; Load(cj, l, tall, out x3, out y3, ref z3, ref u3); }
            if (w > 4) { cj += ldc; Load(cj, l, tall, out x4, out y4, ref z4, ref u4); }
            if (w > 5) { cj += ldc; Load(cj, l, tall, out x5, out y5, ref z5, ref u5); }
            if (w > 6) { cj += ldc; x6 = Vector512.Load(cj); y6 = Vector512.Load(cj + l); }
            if (w > 7) { cj += ldc; x7 = Vector512.Load(cj); y7 = Vector512.Load(cj + l); }
            if (w > 8) { cj += ldc; x8 = Vector512.Load(cj); y8 = Vector512.Load(cj + l); }
            if (w > 9) { cj += ldc; x9 = Vector512.Load(cj); y9 = Vector512.Load(cj + l); }
            if (w > 10) { cj += ldc; x10 = Vector512.Load(cj); y10 = Vector512.Load(cj + l); }
            if (w > 11) { cj += ldc; x11 = Vector512.Load(cj); y11 = Vector512.Load(cj + l); }
        }
        for (int p = 0; p < kc; p++)
        {
            var a0 = Vector512.Load(a);
            var a1 = Vector512.Load(a + l);
            Vector512<T> a2 = default, a3 = default;
            if (tall)
            {
                a2 = Vector512.Load(a + 2 * l);
                a3 = Vector512.Load(a + 3 * l);
            }
            Column(b[0], a0, a1, a2, a3, tall, ref x0, ref y0, ref z0, ref u0);
            if (w > 1) Column(b[1], a0, a1, a2, a3, tall, ref x1, ref y1, ref z1, ref u1);
            if (w > 2) Column(b[2], a0, a1, a2, a3, tall, ref x2, ref y2, ref z2, ref u2);
            if (w > 3) Column(b[3], a0, a1, a2, a3, tall, ref x3, ref y3, ref z3, ref u3);
            if (w > 4) Column(b[4], a0, a1, a2, a3, tall, ref x4, ref y4, ref z4, ref u4);
            if (w > 5) Column(b[5], a0, a1, a2, a3, tall, ref x5, ref y5, ref z5, ref u5);
            if (w > 6) Column(b[6], a0, a1, ref x6, ref y6);
            if (w > 7) Column(b[7], a0, a1, ref x7, ref y7);
            if (w > 8) Column(b[8], a0, a1, ref x8, ref y8);
            if (w > 9) Column(b[9], a0, a1, ref x9, ref y9);
            if (w > 10) Column(b[10], a0, a1, ref x10, ref y10);
            if (w > 11) Column(b[11], a0, a1, ref x11, ref y11);
            a += mr;
            b += w;
        }
        {
            T* cj = c;
            Store(cj, l, tall, x0, y0, z0, u0);
            if (w > 1) { cj += ldc; Store(cj, l, tall, x1, y1, z1, u1); }
            if (w > 2) { cj += ldc; Store(cj, l, tall, x2, y2, z2, u2); }
            if (w > 3) { cj += ldc; Store(cj, l, tall, x3, y3, z3, u3); }
            if (w > 4) { cj += ldc; Store(cj, l, tall, x4, y4, z4, u4); }
            if (w > 5) { cj += ldc; Store(cj, l, tall, x5, y5, z5, u5); }
            if (w > 6) { cj += ldc; x6.Store(cj); y6.Store(cj + l); }
            if (w > 7) { cj += ldc; x7.Store(cj); y7.Store(cj + l); }
            if (w > 8) { cj += ldc; x8.Store(cj); y8.Store(cj + l); }
            if (w > 9) { cj += ldc; x9.Store(cj); y9.Store(cj + l); }
            if (w > 10) { cj += ldc; x10.Store(cj); y10.Store(cj + l); }
            if (w > 11) { cj += ldc; x11.Store(cj); y11.Store(cj + l); }
        }
    }

    /// <summary>One column of a tile, one k step: its vectors += the A vectors × b (two of them, or four when tall).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Column(T b, Vector512<T> a0, Vector512<T> a1, Vector512<T> a2, Vector512<T> a3, bool tall,
        ref Vector512<T> x, ref Vector512<T> y, ref Vector512<T> z, ref Vector512<T> u)
    {
        var bj = Vector512.Create(b);
        x = VectorFma.MultiplyAdd(a0, bj, x);
        y = VectorFma.MultiplyAdd(a1, bj, y);
        if (tall)
        {
            z = VectorFma.MultiplyAdd(a2, bj, z);
            u = VectorFma.MultiplyAdd(a3, bj, u);
        }
    }

    /// <summary>One column of a two-vector tile, one k step.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Column(T b, Vector512<T> a0, Vector512<T> a1, ref Vector512<T> x, ref Vector512<T> y)
    {
        var bj = Vector512.Create(b);
        x = VectorFma.MultiplyAdd(a0, bj, x);
        y = VectorFma.MultiplyAdd(a1, bj, y);
    }

    /// <summary>One column of a tile from C: two vectors, or four when the tile is four tall.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Load(T* c, int l, bool tall, out Vector512<T> x, out Vector512<T> y, ref Vector512<T> z, ref Vector512<T> u)
    {
        x = Vector512.Load(c);
        y = Vector512.Load(c + l);
        if (tall)
        {
            z = Vector512.Load(c + 2 * l);
            u = Vector512.Load(c + 3 * l);
        }
    }

    /// <summary>One column of a tile into C: two vectors, or four when the tile is four tall.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(T* c, int l, bool tall, Vector512<T> x, Vector512<T> y, Vector512<T> z, Vector512<T> u)
    {
        x.Store(c);
        y.Store(c + l);
        if (tall)
        {
            z.Store(c + 2 * l);
            u.Store(c + 3 * l);
        }
    }

    /// <summary>A tile of two Vector256 × W columns with AVX2 (16 registers: 2W accumulators, two A loads and a broadcast).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void K256<TW>(int kc, T* a, T* b, T* c, int ldc, bool acc) where TW : struct, IWidth
    {
        int w = TW.N;
        Vector256<T> x0 = default, x1 = default, x2 = default, x3 = default, x4 = default, x5 = default;
        Vector256<T> y0 = default, y1 = default, y2 = default, y3 = default, y4 = default, y5 = default;
        if (acc)
        {
            T* cj = c;
            x0 = Vector256.Load(cj); y0 = Vector256.Load(cj + L256);
            if (w > 1) { cj += ldc; x1 = Vector256.Load(cj); y1 = Vector256.Load(cj + L256); }
            if (w > 2) { cj += ldc; x2 = Vector256.Load(cj); y2 = Vector256.Load(cj + L256); }
            if (w > 3) { cj += ldc; x3 = Vector256.Load(cj); y3 = Vector256.Load(cj + L256); }
            if (w > 4) { cj += ldc; x4 = Vector256.Load(cj); y4 = Vector256.Load(cj + L256); }
            if (w > 5) { cj += ldc; x5 = Vector256.Load(cj); y5 = Vector256.Load(cj + L256); }
        }
        for (int p = 0; p < kc; p++)
        {
            var a0 = Vector256.Load(a);
            var a1 = Vector256.Load(a + L256);
            Vector256<T> bj = Vector256.Create(b[0]);
            x0 = VectorFma.MultiplyAdd(a0, bj, x0); y0 = VectorFma.MultiplyAdd(a1, bj, y0);
            if (w > 1) { bj = Vector256.Create(b[1]); x1 = VectorFma.MultiplyAdd(a0, bj, x1); y1 = VectorFma.MultiplyAdd(a1, bj, y1); }
            if (w > 2) { bj = Vector256.Create(b[2]); x2 = VectorFma.MultiplyAdd(a0, bj, x2); y2 = VectorFma.MultiplyAdd(a1, bj, y2); }
            if (w > 3) { bj = Vector256.Create(b[3]); x3 = VectorFma.MultiplyAdd(a0, bj, x3); y3 = VectorFma.MultiplyAdd(a1, bj, y3); }
            if (w > 4) { bj = Vector256.Create(b[4]); x4 = VectorFma.MultiplyAdd(a0, bj, x4); y4 = VectorFma.MultiplyAdd(a1, bj, y4); }
            if (w > 5) { bj = Vector256.Create(b[5]); x5 = VectorFma.MultiplyAdd(a0, bj, x5); y5 = VectorFma.MultiplyAdd(a1, bj, y5); }
            a += 2 * L256;
            b += w;
        }
        {
            T* cj = c;
            x0.Store(cj); y0.Store(cj + L256);
            if (w > 1) { cj += ldc; x1.Store(cj); y1.Store(cj + L256); }
            if (w > 2) { cj += ldc; x2.Store(cj); y2.Store(cj + L256); }
            if (w > 3) { cj += ldc; x3.Store(cj); y3.Store(cj + L256); }
            if (w > 4) { cj += ldc; x4.Store(cj); y4.Store(cj + L256); }
            if (w > 5) { cj += ldc; x5.Store(cj); y5.Store(cj + L256); }
        }
    }

    /// <summary>Portable 4 × w tile (any CPU): the same fma chains, one element at a time.</summary>
    private static void Scalar(int kc, int w, T* a, T* b, T* c, int ldc, bool acc)
    {
        T* t = stackalloc T[MRScalar * NRScalar];
        for (int j = 0; j < w; j++)
            for (int i = 0; i < MRScalar; i++)
                t[j * MRScalar + i] = acc ? c[j * ldc + i] : T.Zero;
        for (int p = 0; p < kc; p++, a += MRScalar, b += w)
            for (int j = 0; j < w; j++)
                for (int i = 0; i < MRScalar; i++)
                    t[j * MRScalar + i] = T.FusedMultiplyAdd(a[i], b[j], t[j * MRScalar + i]);
        for (int j = 0; j < w; j++)
            for (int i = 0; i < MRScalar; i++)
                c[j * ldc + i] = t[j * MRScalar + i];
    }

    // Tile widths and heights as types: the JIT specialises K512/K256 per struct and folds N to a constant.
    private struct H2 : IWidth { public static int N => 2; }
    private struct H4 : IWidth { public static int N => 4; }
    private interface IWidth { static abstract int N { get; } }
    private struct W1 : IWidth { public static int N => 1; }
    private struct W2 : IWidth { public static int N => 2; }
    private struct W3 : IWidth { public static int N => 3; }
    private struct W4 : IWidth { public static int N => 4; }
    private struct W5 : IWidth { public static int N => 5; }
    private struct W6 : IWidth { public static int N => 6; }
    private struct W7 : IWidth { public static int N => 7; }
    private struct W8 : IWidth { public static int N => 8; }
    private struct W9 : IWidth { public static int N => 9; }
    private struct W10 : IWidth { public static int N => 10; }
    private struct W11 : IWidth { public static int N => 11; }
    private struct W12 : IWidth { public static int N => 12; }
}

/// <summary>Which micro-kernel <see cref="Gemm"/> runs: the widest the CPU accelerates, unless a test forces one.</summary>
internal enum GemmKernel
{
    Scalar,
    Avx2,
    /// <summary>AVX-512, tiles of two vectors × 12 columns.</summary>
    Avx512Wide,
    /// <summary>AVX-512, tiles of four vectors × 6 columns.</summary>
    Avx512Tall,
}
