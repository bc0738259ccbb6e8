using System.Numerics;
using MathNet.Numerics.LinearAlgebra;
using NotebookDL.Data;
using NotebookDL.Tensors;

namespace NotebookDL.Training;

/// <summary>
/// Makes the trainer's mini-batches X[order[start .. start+count]] without a cache miss per element.
/// A data set stored as rows (<see cref="Dataset.AsRows"/>) gives each batch just before its step, as whole
/// rows (<see cref="RowGather{TIn, TOut}"/>), into one matrix that the step then finds in cache.
/// A data set that is only its column-major matrix X is read otherwise: picking 200 random rows out of a
/// column-major (N, D) matrix touches a different cache line for nearly every element (600k lines for a
/// CIFAR-10 batch, ~10 ms). Instead, the batches of a chunk of the epoch's order (up to <c>budgetBytes</c>;
/// the whole epoch for CIFAR-10's 10,000 images) are gathered together, column by column, in one pass: each column of X is then read almost whole, streaming, and stays in
/// cache while all the batches take their elements from it. A batch holds the same numbers in the same
/// order as <c>x.SelectRows(order[start .. start+count])</c>, in the run's element type T (rounded to nearest
/// for float).
/// </summary>
internal sealed class BatchGatherer<T> : IDisposable where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Memory for the gathered batches at most (the whole training set when it is smaller).</summary>
    public const long DefaultBudgetBytes = 256L << 20;

    // The batch matrices of the last run, kept for the next one until a full collection takes them: a
    // search or a benchmark trains on the same data many times, and fresh memory page-faults every 4 KB.
    private static WeakReference<Matrix<T>?[]>? s_spare;
    private static WeakReference<Matrix<T>>? s_spareRowBatch; // the same for a run on rows: its full-size batch

    private readonly Matrix<double> _x = null!;
    private readonly ExampleRows? _rows;
    private readonly GatherCache _rowGather = new();
    private Matrix<T>? _batch, _lastBatch; // rows: the batch matrices of a full and of a last, partial batch
    private readonly int _batchSize, _chunkBatches;
    private Matrix<T>?[] _batches = [];
    private int[]? _order;
    private int _chunkStart = -1, _chunkRows;

    public BatchGatherer(Dataset data, int batchSize, long budgetBytes = DefaultBudgetBytes)
    {
        _batchSize = batchSize;
        if ((_rows = data.Rows) is not null)
        {
            if (Interlocked.Exchange(ref s_spareRowBatch, null) is { } spareBatch && spareBatch.TryGetTarget(out var kept)) _batch = kept;
            return;
        }
        var x = _x = data.X;
        long rowsThatFit = budgetBytes / ((long)System.Runtime.CompilerServices.Unsafe.SizeOf<T>() * Math.Max(1, x.ColumnCount));
        _chunkBatches = (int)Math.Clamp(rowsThatFit / batchSize, 1, (x.RowCount + batchSize - 1) / batchSize);
        var spare = Interlocked.Exchange(ref s_spare, null);
        if (spare is not null && spare.TryGetTarget(out var batches)) _batches = batches;
    }

    /// <summary>Forgets the gathered batches: the order has been reshuffled (a new epoch).</summary>
    public void Reset() => _chunkStart = -1;

    /// <summary>
    /// The (count, D) batch of rows order[start .. start+count], where start is a multiple of the batch
    /// size. The matrix is reused by a later chunk or epoch: the network reads it only during its step.
    /// </summary>
    public Matrix<T> Batch(int[] order, int start, int count)
    {
        if (start % _batchSize != 0) throw new ArgumentException($"batch start {start} is not a multiple of {_batchSize}");
        if (_rows is not null) return Rows(_rows, order, start, count);
        if (_chunkStart < 0 || !ReferenceEquals(order, _order) || start < _chunkStart || start + count > _chunkStart + _chunkRows)
            Gather(order, start);
        var batch = _batches[(start - _chunkStart) / _batchSize]!;
        return batch.RowCount == count ? batch : throw new InvalidOperationException($"batch at {start} has {batch.RowCount} rows, not {count}");
    }

    /// <summary>
    /// The (count, D) matrix of rows[index[start .. start+count]], count at most the batch size, gathered into the
    /// matrix a batch of that size is gathered into (the data set's examples or others of the same width, e.g. the
    /// validation set's to measure an epoch's accuracy): valid until the next batch.
    /// </summary>
    public Matrix<T> Rows(ExampleRows rows, int[] index, int start, int count)
    {
        if (count > _batchSize) throw new ArgumentException($"{count} rows are more than a batch of {_batchSize}");
        ref var batch = ref count == _batchSize ? ref _batch : ref _lastBatch;
        Mat.Reuse(ref batch, count, rows.Features);
        rows.GatherInto(index, start, count, batch!.Data(), _rowGather);
        return batch!;
    }

    /// <summary>The largest batch: <see cref="Rows"/> takes at most this many.</summary>
    public int BatchSize => _batchSize;

    /// <summary>Leaves the batch matrices for the next run.</summary>
    public void Dispose()
    {
        if (_rows is null) s_spare = new WeakReference<Matrix<T>?[]>(_batches);
        else if (_batch is not null) s_spareRowBatch = new WeakReference<Matrix<T>>(_batch);
    }

    private void Gather(int[] order, int start)
    {
        int d = _x.ColumnCount, n = _x.RowCount;
        _chunkRows = Math.Min(_chunkBatches * _batchSize, order.Length - start);
        int count = (_chunkRows + _batchSize - 1) / _batchSize;
        if (_batches.Length < count) Array.Resize(ref _batches, count);
        for (int b = 0; b < count; b++)
        {
            int rows = Math.Min(_batchSize, _chunkRows - b * _batchSize);
            Mat.Reuse(ref _batches[b], rows, d);
        }
        (_chunkStart, _order) = (start, order);

        var src = _x.Data();
        var batches = _batches;
        int chunkRows = _chunkRows, batchSize = _batchSize;
        void Columns(int first, int end)
        {
            for (int j = first; j < end; j++)
            {
                var column = src.AsSpan(j * n, n);
                for (int b = 0; b < count; b++)
                {
                    int rows = Math.Min(batchSize, chunkRows - b * batchSize);
                    var dst = batches[b]!.Data().AsSpan(j * rows, rows);
                    var index = order.AsSpan(start + b * batchSize, rows);
                    for (int i = 0; i < rows; i++) dst[i] = T.CreateTruncating(column[index[i]]);
                }
            }
        }
        const int block = 16;
        int blocks = (d + block - 1) / block;
        if (Ops.MaxThreads > 1 && blocks > 1 && (long)chunkRows * d >= 1 << 16)
            Parallel.For(0, blocks, new ParallelOptions { MaxDegreeOfParallelism = Ops.MaxThreads },
                k => Columns(k * block, Math.Min(d, (k + 1) * block)));
        else
            Columns(0, d);
    }
}
