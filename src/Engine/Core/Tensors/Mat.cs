using System.Numerics;
using System.Runtime.Intrinsics;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Double;

namespace NotebookDL.Tensors;

/// <summary>
/// Factories and storage access for the engine's tensors: MathNet dense matrices, one example per row
/// (<c>(N, D)</c>), stored column-major as MathNet stores them. Kernels work on the storage array directly
/// (element (i, j) at <c>j * rows + i</c>) instead of MathNet's per-element delegates.
/// </summary>
public static class Mat
{
    /// <summary>An (rows, cols) matrix of zeros.</summary>
    public static Matrix<double> Zeros(int rows, int cols)
    {
        CheckShape(rows, cols);
        return DenseMatrix.Create(rows, cols, 0.0);
    }

    /// <summary>
    /// An (rows, cols) matrix whose storage is not cleared: for outputs a kernel overwrites entirely (saves
    /// zeroing megabytes per step).
    /// </summary>
    internal static Matrix<double> Uninitialized(int rows, int cols) => Uninitialized<double>(rows, cols);

    /// <summary>An (rows, cols) matrix of zeros in the element type T (float or double).</summary>
    public static Matrix<T> Zeros<T>(int rows, int cols) where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckShape(rows, cols);
        return Matrix<T>.Build.Dense(rows, cols);
    }

    /// <summary><see cref="Uninitialized(int, int)"/> in the element type T.</summary>
    internal static Matrix<T> Uninitialized<T>(int rows, int cols) where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckShape(rows, cols);
        return Matrix<T>.Build.Dense(rows, cols, GC.AllocateUninitializedArray<T>(rows * cols));
    }

    // Buffer reuse has one name in the engine: a layer that can reuse its buffers is IReusesBuffers (the
    // trainer's in-place step turns ReuseBuffers on), and takes them with Reuse or ReuseIf below. A kernel
    // that writes into a matrix its caller owns is named ...Into (MatMulInto, ILossInto.ComputeInto).

    /// <summary>
    /// <paramref name="buffer"/> when it already has the shape (rows, cols), else a new uninitialised matrix
    /// stored in it: a layer's per-step buffer, so that a training step does not allocate (and collect)
    /// megabytes on the large-object heap. The caller overwrites every element.
    /// </summary>
    internal static Matrix<T> Reuse<T>(ref Matrix<T>? buffer, int rows, int cols) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (buffer is null || buffer.RowCount != rows || buffer.ColumnCount != cols) buffer = Uninitialized<T>(rows, cols);
        return buffer;
    }

    /// <summary>
    /// Where a layer writes a (rows, cols) result: during a training step (<paramref name="reuse"/>) its own
    /// <paramref name="buffer"/>, reused — unless <paramref name="input"/> is that very buffer (a layer fed its
    /// own output must not overwrite it while reading it) — else a new uninitialised matrix, so that results
    /// handed out stay the caller's. The caller overwrites every element.
    /// </summary>
    internal static Matrix<T> ReuseIf<T>(bool reuse, ref Matrix<T>? buffer, int rows, int cols, Matrix<T>? input = null) where T : unmanaged, IFloatingPointIeee754<T> =>
        reuse && (input is null || !ReferenceEquals(input, buffer)) ? Reuse(ref buffer, rows, cols) : Uninitialized<T>(rows, cols);

    /// <summary>
    /// <paramref name="m"/> in the element type T: the same matrix for double, a rounded copy for float. Initial
    /// weights are drawn in double and rounded once.
    /// </summary>
    public static Matrix<T> To<T>(Matrix<double> m) where T : unmanaged, IFloatingPointIeee754<T> =>
        m is Matrix<T> same ? same : Convert<double, T>(m);

    /// <summary><paramref name="m"/> in the element type TTo: a new matrix, each element rounded to nearest (exact from float to double).</summary>
    public static Matrix<TTo> Convert<TFrom, TTo>(Matrix<TFrom> m)
        where TFrom : unmanaged, IFloatingPointIeee754<TFrom> where TTo : unmanaged, IFloatingPointIeee754<TTo>
    {
        var result = Uninitialized<TTo>(m.RowCount, m.ColumnCount);
        CopyConverted(m, result);
        return result;
    }

    /// <summary>Copies <paramref name="from"/> into <paramref name="to"/> of the same shape, each element rounded to TTo.</summary>
    internal static void CopyConverted<TFrom, TTo>(Matrix<TFrom> from, Matrix<TTo> to)
        where TFrom : unmanaged, IFloatingPointIeee754<TFrom> where TTo : unmanaged, IFloatingPointIeee754<TTo>
    {
        if (from.RowCount != to.RowCount || from.ColumnCount != to.ColumnCount)
            throw new ArgumentException($"cannot copy a {from.Shape()} matrix into a {to.Shape()} one");
        var source = from.Data(); var target = to.Data();
        for (int i = 0; i < source.Length; i++) target[i] = TTo.CreateTruncating(source[i]);
    }

    /// <summary>An (rows, cols) matrix filled with <paramref name="value"/>.</summary>
    public static Matrix<double> Filled(int rows, int cols, double value)
    {
        CheckShape(rows, cols);
        return DenseMatrix.Create(rows, cols, value);
    }

    /// <summary>A (1, n) row vector holding <paramref name="values"/> (copied).</summary>
    public static Matrix<double> Row(params double[] values) => DenseMatrix.OfRowArrays(values);

    /// <summary>A matrix from row arrays (copied), e.g. <c>Mat.OfRows([1, 2], [3, 4])</c>; every row as long as the first.</summary>
    public static Matrix<double> OfRows(params double[][] rows)
    {
        if (rows.Length == 0) throw new ArgumentException("Mat.OfRows needs at least one row (an empty (0, D) matrix is Mat.Zeros(0, D))", nameof(rows));
        for (int i = 1; i < rows.Length; i++)
            if (rows[i].Length != rows[0].Length)
                throw new ArgumentException($"Mat.OfRows: row {i} has {rows[i].Length} values but row 0 has {rows[0].Length}", nameof(rows));
        return DenseMatrix.OfRowArrays(rows);
    }

    /// <summary>Throws a clear error for a negative dimension (MathNet's own message does not give the shape).</summary>
    private static void CheckShape(int rows, int cols)
    {
        if (rows < 0 || cols < 0)
            throw new ArgumentOutOfRangeException(rows < 0 ? nameof(rows) : nameof(cols), $"a matrix cannot have shape ({rows}, {cols}): sizes must be >= 0");
    }

    /// <summary>An (rows, cols) matrix of N(0, scale^2) draws (numpy's <c>scale * randn(rows, cols)</c>).</summary>
    public static Matrix<double> Gaussian(int rows, int cols, Rng rng, double scale = 1.0)
    {
        var m = Zeros(rows, cols);
        var data = m.Data();
        // Fill row by row so that the draws land in the same places as numpy's row-major randn.
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < cols; j++)
                data[j * rows + i] = scale * rng.Gaussian();
        return m;
    }

    /// <summary>An (rows, cols) matrix of uniform draws in [low, high).</summary>
    public static Matrix<double> Uniform(int rows, int cols, Rng rng, double low, double high)
    {
        var m = Zeros(rows, cols);
        var data = m.Data();
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < cols; j++)
                data[j * rows + i] = rng.Uniform(low, high);
        return m;
    }

    /// <summary>
    /// The column-major storage array of a dense matrix, shared, not copied: writing to it writes to the
    /// matrix. Throws for sparse or diagonal matrices, which the engine never produces.
    /// </summary>
    public static T[] Data<T>(this Matrix<T> m) where T : unmanaged, IFloatingPointIeee754<T> =>
        m.Storage is MathNet.Numerics.LinearAlgebra.Storage.DenseColumnMajorMatrixStorage<T> dense
            ? dense.Data
            : throw new ArgumentException($"NotebookDL works on dense matrices; got a {m.GetType().Name}. Use Matrix<{typeof(T).Name.ToLowerInvariant()}>.Build.Dense or .ToDense().");

    /// <summary>A dense copy of <paramref name="m"/> (the same object type the engine computes with).</summary>
    public static Matrix<T> ToDense<T>(this Matrix<T> m) where T : unmanaged, IFloatingPointIeee754<T> => Matrix<T>.Build.DenseOfMatrix(m);

    /// <summary>"(N, D)" as the lecture writes shapes.</summary>
    public static string Shape<T>(this Matrix<T> m) where T : unmanaged, IFloatingPointIeee754<T> => $"({m.RowCount}, {m.ColumnCount})";

    /// <summary>The rows <paramref name="indices"/> of <paramref name="m"/>, in that order, as a new matrix.</summary>
    public static Matrix<T> SelectRows<T>(this Matrix<T> m, IReadOnlyList<int> indices) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = indices.Count, rows = m.RowCount, cols = m.ColumnCount;
        var index = CheckedRows(indices, rows);
        var result = Uninitialized<T>(n, cols); // every element is written below
        GatherRows(m.Data(), rows, cols, index, 0, n, result.Data(), n);
        return result;
    }

    /// <summary><paramref name="indices"/> as an array, each checked to be a row of <paramref name="rows"/> (else named in the error).</summary>
    internal static int[] CheckedRows(IReadOnlyList<int> indices, int rows)
    {
        var index = new int[indices.Count];
        for (int i = 0; i < index.Length; i++)
        {
            int r = indices[i];
            if ((uint)r >= (uint)rows)
                throw new ArgumentOutOfRangeException(nameof(indices), $"row {r} is outside 0..{rows - 1}");
            index[i] = r;
        }
        return index;
    }

    /// <summary>
    /// dst[j·dstRows + i] = src[j·srcRows + index[start + i]] for every column j and i &lt; count: rows of a
    /// column-major matrix gathered into another (indices already checked).
    /// </summary>
    internal static void GatherRows<T>(T[] src, int srcRows, int cols, int[] index, int start, int count, T[] dst, int dstRows) where T : unmanaged
    {
        // A gather from column-major storage misses the cache on nearly every element (a mini-batch of CIFAR-10
        // touches 600k cache lines), so it is memory-latency bound: two threads keep twice as many misses in
        // flight. Blocks of 64 columns; each element is a plain copy, so the split cannot change a result.
        if (count == 0 || cols == 0) return;
        const int block = 64;
        int blocks = (cols + block - 1) / block;
        if (Ops.MaxThreads > 1 && (long)count * cols >= 1 << 16 && blocks > 1)
            Parallel.For(0, blocks, new ParallelOptions { MaxDegreeOfParallelism = Ops.MaxThreads },
                b => Gather(src, srcRows, index, start, count, dst, dstRows, b * block, Math.Min(cols, (b + 1) * block)));
        else
            Gather(src, srcRows, index, start, count, dst, dstRows, 0, cols);
    }

    private static unsafe void Gather<T>(T[] src, int srcRows, int[] index, int start, int count, T[] dst, int dstRows,
        int firstColumn, int endColumn) where T : unmanaged
    {
        fixed (T* s = src, d = dst)
        fixed (int* ix = &index[0])
        {
            int* rows = ix + start;
            for (int j = firstColumn; j < endColumn; j++)
            {
                T* column = s + (nint)j * srcRows;
                T* output = d + (nint)j * dstRows;
                for (int i = 0; i < count; i++) output[i] = column[rows[i]];
            }
        }
    }

    /// <summary>True when every element is finite (no NaN, no infinity).</summary>
    public static bool AllFinite<T>(this Matrix<T> m) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var data = m.Data().AsSpan();
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            // x - x is 0 for finite x and NaN for NaN and ±∞: one compare per vector.
            for (; i <= data.Length - Vector256<T>.Count; i += Vector256<T>.Count)
            {
                var v = Vector256.Create<T>(data.Slice(i, Vector256<T>.Count));
                if (!Vector256.EqualsAll(v - v, Vector256<T>.Zero)) return false;
            }
        }
        for (; i < data.Length; i++)
            if (!T.IsFinite(data[i])) return false;
        return true;
    }

    /// <summary>Throws a clear error when <paramref name="m"/> holds NaN or infinity.</summary>
    public static void RequireFinite<T>(this Matrix<T> m, string what) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var data = m.Data();
        for (int k = 0; k < data.Length; k++)
        {
            if (!T.IsFinite(data[k]))
                throw NotFinite(what, double.CreateTruncating(data[k]), k % m.RowCount, k / m.RowCount);
        }
    }

    /// <summary>The error for a value that is NaN or infinite, naming where it is.</summary>
    internal static ArgumentException NotFinite(string what, double value, int row, int column) =>
        new($"{what} holds {value} at row {row}, column {column}: NotebookDL expects finite numbers.");
}
