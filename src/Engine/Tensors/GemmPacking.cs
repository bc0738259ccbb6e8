using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace NotebookDL.Tensors;

/// <summary>
/// Copies blocks of A and B into the contiguous, k-major micro-panels the kernels stream through
/// (BLIS's packing): a transposed operand is transposed here, once per block, so one kernel serves the
/// three products of a dense layer. Rows or columns past the matrix edge are padded with zeros.
/// </summary>
internal static unsafe class GemmPacking
{
    /// <summary>
    /// Packs op(A)[i0 .. i0+rows, p0 .. p0+kc] into panels of <paramref name="mr"/> rows: panel r at
    /// <c>dst + r·mr·kc</c>, element (ii, p) at <c>p·mr + ii</c>. op(A) is (m, k); A is stored column-major
    /// as (m, k), or as (k, m) when <paramref name="trans"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void PackA(double* a, int m, int k, bool trans, int i0, int rows, int p0, int kc, int mr, double* dst)
    {
        for (int r = 0; r < rows; r += mr)
        {
            int h = Math.Min(mr, rows - r);
            double* d = dst + (nint)r * kc;
            int i = i0 + r;
            if (!trans)
            {
                // Column p of A holds rows i .. i+h contiguously.
                double* src = a + (nint)p0 * m + i;
                if (h == mr)
                {
                    for (int p = 0; p < kc; p++, src += m, d += mr) Copy(src, d, mr);
                }
                else
                {
                    for (int p = 0; p < kc; p++, src += m, d += mr)
                    {
                        int ii = 0;
                        for (; ii < h; ii++) d[ii] = src[ii];
                        for (; ii < mr; ii++) d[ii] = 0.0;
                    }
                }
            }
            else
            {
                // Row i of op(A) is column i of the stored (k, m) matrix: contiguous in p.
                for (int ii = 0; ii < mr; ii++)
                {
                    if (ii < h)
                    {
                        double* src = a + (nint)(i + ii) * k + p0;
                        for (int p = 0; p < kc; p++) d[p * mr + ii] = src[p];
                    }
                    else
                    {
                        for (int p = 0; p < kc; p++) d[p * mr + ii] = 0.0;
                    }
                }
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
    public static void PackB(double* b, int k, int n, bool trans, int p0, int kc, int j0, int cols, int nr, double* dst)
    {
        for (int jj = 0; jj < cols; jj += nr)
        {
            int w = Math.Min(nr, cols - jj);
            double* d = dst + (nint)kc * jj;
            int j = j0 + jj;
            if (!trans)
            {
                // Column j of B is contiguous in p.
                for (int q = 0; q < w; q++)
                {
                    double* src = b + (nint)(j + q) * k + p0;
                    for (int p = 0; p < kc; p++) d[p * w + q] = src[p];
                }
            }
            else
            {
                // Row p of op(B) is column p of the stored (n, k) matrix: contiguous in j.
                double* src = b + (nint)p0 * n + j;
                for (int p = 0; p < kc; p++, src += n, d += w)
                    for (int q = 0; q < w; q++) d[q] = src[q];
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Copy(double* src, double* dst, int count)
    {
        int q = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; q <= count - 4; q += 4) Vector256.Store(Vector256.Load(src + q), dst + q);
        }
        for (; q < count; q++) dst[q] = src[q];
    }
}
