using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace NotebookDL.Tensors;

/// <summary>
/// Copies blocks of A and B into the contiguous, k-major micro-panels the kernels stream through
/// (BLIS's packing): a transposed operand is transposed here, once per block, so one kernel serves the
/// three products of a dense layer. Rows or columns past the matrix edge are padded with zeros. Elements
/// are float or double, only copied, never computed on. Reads go along the stored matrix's columns (long
/// contiguous runs); transposes go 4 × 4 through registers.
/// </summary>
internal static unsafe class GemmPacking
{
    /// <summary>
    /// Packs op(A)[i0 .. i0+rows, p0 .. p0+kc] into panels of <paramref name="mr"/> rows: panel r at
    /// <c>dst + r·mr·kc</c>, element (ii, p) at <c>p·mr + ii</c>. op(A) is (m, k); A is stored column-major
    /// as (m, k), or as (k, m) when <paramref name="trans"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void PackA<T>(T* a, int m, int k, bool trans, int i0, int rows, int p0, int kc, int mr, T* dst) where T : unmanaged
    {
        int full = rows / mr * mr;
        if (!trans)
        {
            // Column p of A holds rows i0 .. i0+rows contiguously: read it once, deal it out to the panels.
            T* src = a + (nint)p0 * m + i0;
            for (int p = 0; p < kc; p++, src += m)
            {
                T* d = dst + p * mr;
                for (int r = 0; r < full; r += mr, d += (nint)mr * kc) Copy(src + r, d, mr);
            }
        }
        else
        {
            // Row i of op(A) is column i of the stored (k, m) matrix, contiguous in p.
            for (int r = 0; r < full; r += mr)
                Transpose(a + (nint)(i0 + r) * k + p0, k, mr, kc, dst + (nint)r * kc, mr);
        }
        if (full < rows)
        {
            int h = rows - full;
            T* d = dst + (nint)full * kc;
            for (int p = 0; p < kc; p++, d += mr)
            {
                for (int ii = 0; ii < h; ii++)
                    d[ii] = trans ? a[(nint)(i0 + full + ii) * k + p0 + p] : a[(nint)(p0 + p) * m + i0 + full + ii];
                for (int ii = h; ii < mr; ii++) d[ii] = default;
            }
        }
    }

    /// <summary>
    /// Packs op(B)[p0 .. p0+kc, j0 .. j0+cols] into panels of <paramref name="nr"/> columns (the last may be
    /// narrower): the panel starting at column jj (relative to j0) at <c>dst + kc·jj</c>, element (p, q) at
    /// <c>p·w + q</c> for its width w. op(B) is (k, n); B is stored column-major as (k, n), or as (n, k) when
    /// <paramref name="trans"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void PackB<T>(T* b, int k, int n, bool trans, int p0, int kc, int j0, int cols, int nr, T* dst) where T : unmanaged
    {
        for (int jj = 0; jj < cols; jj += nr)
        {
            int w = Math.Min(nr, cols - jj);
            T* d = dst + (nint)kc * jj;
            int j = j0 + jj;
            if (!trans)
            {
                // Column j of B is contiguous in p: transpose the (kc, w) block into rows of w.
                Transpose(b + (nint)j * k + p0, k, w, kc, d, w);
            }
            else
            {
                // Row p of op(B) is column p of the stored (n, k) matrix: contiguous in j.
                T* src = b + (nint)p0 * n + j;
                for (int p = 0; p < kc; p++, src += n, d += w) Copy(src, d, w);
            }
        }
    }

    /// <summary>
    /// dst[p·ldd + q] = src[q·lds + p] for q &lt; count, p &lt; length: <paramref name="count"/> contiguous
    /// source runs become interleaved rows, 4 runs × 4 elements at a time through SIMD registers.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Transpose<T>(T* src, int lds, int count, int length, T* dst, int ldd) where T : unmanaged
    {
        int q = 0;
        if (typeof(T) == typeof(double) ? Avx.IsSupported : typeof(T) == typeof(float) && Sse.IsSupported)
        {
            for (; q + 4 <= count; q += 4)
            {
                T* s0 = src + (nint)q * lds, s1 = s0 + lds, s2 = s1 + lds, s3 = s2 + lds;
                T* d = dst + q;
                int p = 0;
                for (; p + 4 <= length; p += 4, d += 4 * (nint)ldd)
                    Transpose4x4(s0 + p, s1 + p, s2 + p, s3 + p, d, ldd);
                for (; p < length; p++, d += ldd)
                {
                    d[0] = s0[p];
                    d[1] = s1[p];
                    d[2] = s2[p];
                    d[3] = s3[p];
                }
            }
        }
        for (; q < count; q++)
        {
            T* s = src + (nint)q * lds;
            for (int p = 0; p < length; p++) dst[(nint)p * ldd + q] = s[p];
        }
    }

    /// <summary>
    /// Rows d, d + ldd, d + 2·ldd, d + 3·ldd = the 4 × 4 block whose columns are s0 .. s3: four elements are
    /// one Vector256 of doubles or one Vector128 of floats, so each precision has its own shuffles.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Transpose4x4<T>(T* s0, T* s1, T* s2, T* s3, T* d, int ldd) where T : unmanaged
    {
        if (typeof(T) == typeof(double))
        {
            var r0 = Avx.LoadVector256((double*)s0);
            var r1 = Avx.LoadVector256((double*)s1);
            var r2 = Avx.LoadVector256((double*)s2);
            var r3 = Avx.LoadVector256((double*)s3);
            var t0 = Avx.UnpackLow(r0, r1);   // r0[0] r1[0] r0[2] r1[2]
            var t1 = Avx.UnpackHigh(r0, r1);  // r0[1] r1[1] r0[3] r1[3]
            var t2 = Avx.UnpackLow(r2, r3);
            var t3 = Avx.UnpackHigh(r2, r3);
            double* o = (double*)d;
            Avx.Store(o, Avx.Permute2x128(t0, t2, 0x20));
            Avx.Store(o + ldd, Avx.Permute2x128(t1, t3, 0x20));
            Avx.Store(o + 2 * ldd, Avx.Permute2x128(t0, t2, 0x31));
            Avx.Store(o + 3 * ldd, Avx.Permute2x128(t1, t3, 0x31));
        }
        else
        {
            var r0 = Sse.LoadVector128((float*)s0);
            var r1 = Sse.LoadVector128((float*)s1);
            var r2 = Sse.LoadVector128((float*)s2);
            var r3 = Sse.LoadVector128((float*)s3);
            var t0 = Sse.UnpackLow(r0, r1);   // r0[0] r1[0] r0[1] r1[1]
            var t1 = Sse.UnpackLow(r2, r3);   // r2[0] r3[0] r2[1] r3[1]
            var t2 = Sse.UnpackHigh(r0, r1);  // r0[2] r1[2] r0[3] r1[3]
            var t3 = Sse.UnpackHigh(r2, r3);
            float* o = (float*)d;
            Sse.Store(o, Sse.MoveLowToHigh(t0, t1));
            Sse.Store(o + ldd, Sse.MoveHighToLow(t1, t0));
            Sse.Store(o + 2 * ldd, Sse.MoveLowToHigh(t2, t3));
            Sse.Store(o + 3 * ldd, Sse.MoveHighToLow(t3, t2));
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Copy<T>(T* src, T* dst, int count) where T : unmanaged
    {
        int q = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; q <= count - Vector256<T>.Count; q += Vector256<T>.Count) Vector256.Store(Vector256.Load(src + q), dst + q);
        }
        for (; q < count; q++) dst[q] = src[q];
    }
}
