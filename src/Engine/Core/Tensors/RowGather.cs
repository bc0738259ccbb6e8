using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace NotebookDL.Tensors;

/// <summary>
/// Mini-batches out of row-major examples: dst (count, D), column-major as the engine computes, takes the rows
/// index[start .. start+count] of src (row i at i·D .. i·D+D-1), converting each value to the batch's element
/// type (round to nearest for float64 → float32; a plain copy when the types agree). Each example is read as one
/// contiguous run of D values (what numpy's <c>X[idx]</c> reads), and eight examples at a time are written as
/// eight consecutive values of each column, so both sides stream; with AVX, each 8×8 (float) or 8×4 (double)
/// block is transposed in registers (float64 rows into a float32 batch too, with AVX-512). Work items are tiles
/// of up to 256 examples × 512 columns on up to <see cref="Ops.MaxThreads"/> threads (a whole data set's matrix
/// writes short runs of each column per tile); every element is written once by one item, so the result does
/// not depend on the thread count.
/// </summary>
internal sealed class RowGather<TIn, TOut> : IWorkItems
    where TIn : unmanaged, IFloatingPointIeee754<TIn> where TOut : unmanaged, IFloatingPointIeee754<TOut>
{
    /// <summary>Columns per work item: 8 rows × 512 values read per block stay in L1 while being written out.</summary>
    private const int ColumnBlock = 512;

    /// <summary>Rows per work item: a mini-batch is one tile; a whole data set writes runs of 256 values of each column.</summary>
    private const int RowTile = 256;

    // The call in progress (one gatherer serves one run: a batch at a time, allocation-free).
    private TIn[] _src = [];
    private TOut[] _dst = [];
    private int[] _index = [];
    private int _width, _start, _count, _columnBlocks;

    /// <summary>dst[j·count + i] = (TOut)src[index[start + i]·width + j] for i &lt; count, j &lt; width (indices already checked).</summary>
    public void Gather(TIn[] src, int width, int[] index, int start, int count, TOut[] dst)
    {
        if (count == 0 || width == 0) return;
        if (dst.Length < (long)count * width) throw new ArgumentException($"the batch holds {dst.Length} values, not ({count}, {width})");
        (_src, _width, _index, _start, _count, _dst) = (src, width, index, start, count, dst);
        _columnBlocks = (width + ColumnBlock - 1) / ColumnBlock;
        try
        {
            int items = _columnBlocks * ((count + RowTile - 1) / RowTile);
            ForkJoin.For(items, (long)count * width >= 1 << 16 ? Ops.MaxThreads : 1, this);
        }
        finally
        {
            (_src, _index, _dst) = ([], [], []); // the gatherer does not keep the data set alive
        }
    }

    /// <inheritdoc/>
    public unsafe void Run(int item)
    {
        int j0 = item % _columnBlocks * ColumnBlock, j1 = Math.Min(_width, j0 + ColumnBlock);
        int i0 = item / _columnBlocks * RowTile, i1 = Math.Min(_count, i0 + RowTile);
        fixed (TIn* s = _src)
        fixed (TOut* d = _dst)
        fixed (int* ix = _index)
            Block(s, _width, ix + _start, i0, i1, _count, d, j0, j1);
    }

    /// <summary>Rows i0 .. i1-1 of the batch (rows[i] of src), columns j0 .. j1-1, into dst (count rows per column).</summary>
    private static unsafe void Block(TIn* src, int width, int* rows, int i0, int i1, int count, TOut* dst, int j0, int j1)
    {
        int i = i0;
        for (; i + 8 <= i1; i += 8)
        {
            TIn* r0 = src + (nint)rows[i] * width, r1 = src + (nint)rows[i + 1] * width;
            TIn* r2 = src + (nint)rows[i + 2] * width, r3 = src + (nint)rows[i + 3] * width;
            TIn* r4 = src + (nint)rows[i + 4] * width, r5 = src + (nint)rows[i + 5] * width;
            TIn* r6 = src + (nint)rows[i + 6] * width, r7 = src + (nint)rows[i + 7] * width;
            TOut* o = dst + (nint)j0 * count + i;
            int j = j0;
            if (Avx.IsSupported && typeof(TIn) == typeof(TOut))
            {
                if (typeof(TIn) == typeof(float))
                    for (; j + 8 <= j1; j += 8, o += 8 * (nint)count)
                        Transpose8x8(Avx.LoadVector256((float*)r0 + j), Avx.LoadVector256((float*)r1 + j),
                                     Avx.LoadVector256((float*)r2 + j), Avx.LoadVector256((float*)r3 + j),
                                     Avx.LoadVector256((float*)r4 + j), Avx.LoadVector256((float*)r5 + j),
                                     Avx.LoadVector256((float*)r6 + j), Avx.LoadVector256((float*)r7 + j), (float*)o, count);
                else if (typeof(TIn) == typeof(double))
                    for (; j + 4 <= j1; j += 4, o += 4 * (nint)count)
                    {
                        Transpose4x4((double*)r0 + j, (double*)r1 + j, (double*)r2 + j, (double*)r3 + j, (double*)o, count);
                        Transpose4x4((double*)r4 + j, (double*)r5 + j, (double*)r6 + j, (double*)r7 + j, (double*)o + 4, count);
                    }
            }
            else if (Avx512F.IsSupported && typeof(TIn) == typeof(double) && typeof(TOut) == typeof(float))
            {
                // float64 rows into a float32 batch: eight doubles of a row rounded to nearest at once (vcvtpd2ps,
                // the same rounding as a cast), then transposed as floats.
                for (; j + 8 <= j1; j += 8, o += 8 * (nint)count)
                    Transpose8x8(Narrow((double*)r0 + j), Narrow((double*)r1 + j), Narrow((double*)r2 + j), Narrow((double*)r3 + j),
                                 Narrow((double*)r4 + j), Narrow((double*)r5 + j), Narrow((double*)r6 + j), Narrow((double*)r7 + j), (float*)o, count);
            }
            for (; j < j1; j++, o += count)
            {
                o[0] = TOut.CreateTruncating(r0[j]);
                o[1] = TOut.CreateTruncating(r1[j]);
                o[2] = TOut.CreateTruncating(r2[j]);
                o[3] = TOut.CreateTruncating(r3[j]);
                o[4] = TOut.CreateTruncating(r4[j]);
                o[5] = TOut.CreateTruncating(r5[j]);
                o[6] = TOut.CreateTruncating(r6[j]);
                o[7] = TOut.CreateTruncating(r7[j]);
            }
        }
        for (; i < i1; i++)
        {
            TIn* r = src + (nint)rows[i] * width;
            TOut* o = dst + (nint)j0 * count + i;
            for (int j = j0; j < j1; j++, o += count) *o = TOut.CreateTruncating(r[j]);
        }
    }

    /// <summary>Eight doubles as eight floats, each rounded to nearest.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe Vector256<float> Narrow(double* values) => Avx512F.ConvertToVector256Single(Avx512F.LoadVector512(values));

    /// <summary>Eight values of each of eight rows (a .. h) become eight values of each of eight columns (stride <paramref name="count"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void Transpose8x8(Vector256<float> a, Vector256<float> b, Vector256<float> c, Vector256<float> d,
        Vector256<float> e, Vector256<float> f, Vector256<float> g, Vector256<float> h, float* o, int count)
    {
        var t0 = Avx.UnpackLow(a, b);  // a0 b0 a1 b1 | a4 b4 a5 b5
        var t1 = Avx.UnpackHigh(a, b); // a2 b2 a3 b3 | a6 b6 a7 b7
        var t2 = Avx.UnpackLow(c, d);
        var t3 = Avx.UnpackHigh(c, d);
        var t4 = Avx.UnpackLow(e, f);
        var t5 = Avx.UnpackHigh(e, f);
        var t6 = Avx.UnpackLow(g, h);
        var t7 = Avx.UnpackHigh(g, h);
        var s0 = Avx.Shuffle(t0, t2, 0x44); // a0 b0 c0 d0 | a4 b4 c4 d4
        var s1 = Avx.Shuffle(t0, t2, 0xEE); // a1 b1 c1 d1 | a5 ...
        var s2 = Avx.Shuffle(t1, t3, 0x44);
        var s3 = Avx.Shuffle(t1, t3, 0xEE);
        var s4 = Avx.Shuffle(t4, t6, 0x44); // e0 f0 g0 h0 | e4 ...
        var s5 = Avx.Shuffle(t4, t6, 0xEE);
        var s6 = Avx.Shuffle(t5, t7, 0x44);
        var s7 = Avx.Shuffle(t5, t7, 0xEE);
        nint n = count;
        Avx.Store(o, Avx.Permute2x128(s0, s4, 0x20));
        Avx.Store(o + n, Avx.Permute2x128(s1, s5, 0x20));
        Avx.Store(o + 2 * n, Avx.Permute2x128(s2, s6, 0x20));
        Avx.Store(o + 3 * n, Avx.Permute2x128(s3, s7, 0x20));
        Avx.Store(o + 4 * n, Avx.Permute2x128(s0, s4, 0x31));
        Avx.Store(o + 5 * n, Avx.Permute2x128(s1, s5, 0x31));
        Avx.Store(o + 6 * n, Avx.Permute2x128(s2, s6, 0x31));
        Avx.Store(o + 7 * n, Avx.Permute2x128(s3, s7, 0x31));
    }

    /// <summary>Four values from each of four rows become four values of each of four columns (stride <paramref name="count"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void Transpose4x4(double* r0, double* r1, double* r2, double* r3, double* o, int count)
    {
        var t0 = Avx.UnpackLow(Avx.LoadVector256(r0), Avx.LoadVector256(r1));  // a0 b0 | a2 b2
        var t1 = Avx.UnpackHigh(Avx.LoadVector256(r0), Avx.LoadVector256(r1)); // a1 b1 | a3 b3
        var t2 = Avx.UnpackLow(Avx.LoadVector256(r2), Avx.LoadVector256(r3));
        var t3 = Avx.UnpackHigh(Avx.LoadVector256(r2), Avx.LoadVector256(r3));
        nint c = count;
        Avx.Store(o, Avx.Permute2x128(t0, t2, 0x20));
        Avx.Store(o + c, Avx.Permute2x128(t1, t3, 0x20));
        Avx.Store(o + 2 * c, Avx.Permute2x128(t0, t2, 0x31));
        Avx.Store(o + 3 * c, Avx.Permute2x128(t1, t3, 0x31));
    }
}
