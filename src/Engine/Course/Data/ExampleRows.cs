using System.Numerics;
using System.Runtime.CompilerServices;
using MathNet.Numerics.LinearAlgebra;
using NotebookDL.Tensors;
using NotebookDL.Training;

namespace NotebookDL.Data;

/// <summary>
/// A data set's examples stored compactly: one row after another (example i at i·D .. i·D+D-1) in float64 or
/// float32. A mini-batch takes whole rows, each one contiguous run of memory, and float32 storage is half the
/// bytes (CIFAR-10's 50,000 images: 614 MB instead of 1.2 GB). See <see cref="Dataset.Dtype"/>.
/// </summary>
internal abstract class ExampleRows(int count, int features)
{
    /// <summary>N, the examples.</summary>
    public int Count { get; } = count;

    /// <summary>D, the values of a row.</summary>
    public int Features { get; } = features;

    /// <summary>The element type the values are stored in.</summary>
    public abstract Dtype Dtype { get; }

    /// <summary>The bytes the values take.</summary>
    public abstract long Bytes { get; }

    /// <summary>Value j of example i, as a double (exact: a float32 widens without rounding).</summary>
    public abstract double this[int i, int j] { get; }

    /// <summary>The examples as a column-major (N, D) matrix of doubles (a new matrix; exact).</summary>
    public abstract Matrix<double> ToMatrix();

    /// <summary>The examples <paramref name="rows"/> (indices checked by the caller), in that order, in the same element type.</summary>
    public abstract ExampleRows Select(int[] rows);

    /// <summary>The first value that is NaN or infinite as (row, column, value), or null.</summary>
    public abstract (int Row, int Column, double Value)? FirstNotFinite();

    /// <summary>Every value, example after example, widened to double one at a time.</summary>
    public abstract IEnumerable<double> AllValues();

    /// <summary>The examples <paramref name="rows"/> (checked) as a column-major (count, D) matrix in T.</summary>
    public Matrix<T> Gather<T>(int[] rows) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var batch = Mat.Uninitialized<T>(rows.Length, Features); // every element is written below
        GatherInto(rows, 0, rows.Length, batch.Data(), new GatherCache());
        return batch;
    }

    /// <summary>
    /// dst (count, D), column-major in T, takes the examples rows[start .. start+count] (checked), each value
    /// converted to T (round to nearest). <paramref name="cache"/> keeps the allocation-free workers between calls.
    /// </summary>
    public abstract void GatherInto<T>(int[] rows, int start, int count, T[] dst, GatherCache cache) where T : unmanaged, IFloatingPointIeee754<T>;

    /// <summary>The examples of <paramref name="x"/> (N, D) stored as rows of <paramref name="dtype"/> (float32 rounds to nearest).</summary>
    public static ExampleRows From(Matrix<double> x, Dtype dtype) =>
        dtype == Dtype.Float32 ? ExampleRows<float>.FromMatrix(x) : ExampleRows<double>.FromMatrix(x);

    /// <summary>The same examples stored in <paramref name="dtype"/> (this when it already is).</summary>
    public abstract ExampleRows To(Dtype dtype);
}

/// <summary>The workers of <see cref="ExampleRows.GatherInto{T}"/>, one per pair of element types, kept by a caller that gathers often.</summary>
internal sealed class GatherCache
{
    private object? _worker;

    public RowGather<TIn, TOut> For<TIn, TOut>()
        where TIn : unmanaged, IFloatingPointIeee754<TIn> where TOut : unmanaged, IFloatingPointIeee754<TOut> =>
        _worker as RowGather<TIn, TOut> ?? (RowGather<TIn, TOut>)(_worker = new RowGather<TIn, TOut>());
}

/// <summary><see cref="ExampleRows"/> in element type T.</summary>
internal sealed class ExampleRows<T> : ExampleRows where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>N·D values, row-major.</summary>
    public T[] Values { get; }

    public ExampleRows(T[] values, int count, int features) : base(count, features)
    {
        if (values.LongLength != (long)count * features)
            throw new ArgumentException($"{values.LongLength:N0} values are not {count:N0} rows of {features:N0}");
        Values = values;
    }

    public override Dtype Dtype => Precision.Of<T>();

    public override long Bytes => Values.LongLength * Unsafe.SizeOf<T>();

    public override double this[int i, int j] => double.CreateTruncating(Values[(long)i * Features + j]);

    /// <summary>
    /// Rows <paramref name="row0"/>.. of <paramref name="values"/> (<paramref name="width"/> each) from
    /// <paramref name="records"/> records of bytes: record i's <paramref name="width"/> bytes start at
    /// offset + i·stride (a loader's pixels 0..255, exact in float32 and float64). Records fill in parallel;
    /// each writes its own row, so the thread count changes nothing.
    /// </summary>
    public static void CopyBytes(byte[] bytes, int offset, int stride, int records, T[] values, int row0, int width) =>
        Parallel.For(0, records, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, Ops.MaxThreads) }, i =>
        {
            var source = bytes.AsSpan(offset + i * stride, width);
            var row = values.AsSpan((row0 + i) * width, width);
            for (int j = 0; j < row.Length; j++) row[j] = T.CreateTruncating(source[j]);
        });

    public static ExampleRows<T> FromMatrix(Matrix<double> x)
    {
        int n = x.RowCount, d = x.ColumnCount;
        var src = x.Data();
        var values = GC.AllocateUninitializedArray<T>(n * d); // every value is written below
        // Tiles of 64 rows: the strided column reads of a tile stay in cache while its rows are written.
        const int tile = 64;
        Parallel.For(0, (n + tile - 1) / tile, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, Ops.MaxThreads) }, t =>
        {
            int i0 = t * tile, i1 = Math.Min(n, i0 + tile);
            for (int j = 0; j < d; j++)
                for (int i = i0; i < i1; i++)
                    values[(long)i * d + j] = T.CreateTruncating(src[(long)j * n + i]);
        });
        return new ExampleRows<T>(values, n, d);
    }

    public override Matrix<double> ToMatrix()
    {
        var all = new int[Count];
        for (int i = 0; i < all.Length; i++) all[i] = i;
        return Gather<double>(all);
    }

    public override ExampleRows Select(int[] rows)
    {
        int d = Features;
        var values = GC.AllocateUninitializedArray<T>(rows.Length * d);
        for (int i = 0; i < rows.Length; i++)
            Values.AsSpan((int)((long)rows[i] * d), d).CopyTo(values.AsSpan(i * d, d));
        return new ExampleRows<T>(values, rows.Length, d);
    }

    public override (int Row, int Column, double Value)? FirstNotFinite()
    {
        var values = Values.AsSpan();
        for (int k = 0; k < values.Length; k++)
            if (!T.IsFinite(values[k])) return (k / Features, k % Features, double.CreateTruncating(values[k]));
        return null;
    }

    public override IEnumerable<double> AllValues()
    {
        foreach (var v in Values) yield return double.CreateTruncating(v);
    }

    public override void GatherInto<TOut>(int[] rows, int start, int count, TOut[] dst, GatherCache cache) =>
        cache.For<T, TOut>().Gather(Values, Features, rows, start, count, dst);

    public override ExampleRows To(Dtype dtype)
    {
        if (dtype == Dtype) return this;
        return dtype == Dtype.Float32 ? Convert<float>() : Convert<double>();

        ExampleRows Convert<TTo>() where TTo : unmanaged, IFloatingPointIeee754<TTo>
        {
            var values = GC.AllocateUninitializedArray<TTo>(Values.Length);
            for (int k = 0; k < values.Length; k++) values[k] = TTo.CreateTruncating(Values[k]);
            return new ExampleRows<TTo>(values, Count, Features);
        }
    }
}
