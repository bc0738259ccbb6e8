using MathNet.Numerics.LinearAlgebra;
using NotebookDL.Tensors;

namespace NotebookDL.Training;

/// <summary>
/// Makes the trainer's mini-batches X[order[start .. start+count]] without a cache miss per element.
/// Picking 200 random rows out of a column-major (N, D) matrix touches a different cache line for nearly
/// every element (600k lines for a CIFAR-10 batch, ~10 ms); instead, the rows of many consecutive batches
/// (a chunk of the epoch's order, up to <c>budgetBytes</c>) are gathered column by column in one pass, where
/// each column is read almost whole and stays in cache, and a batch is then a contiguous run of rows in
/// every column of the chunk. A batch holds the same numbers in the same order as
/// <c>x.SelectRows(order[start .. start+count])</c>.
/// </summary>
internal sealed class BatchGatherer : IDisposable
{
    /// <summary>Size of the chunk buffer at most (the whole training set when it is smaller).</summary>
    public const long DefaultBudgetBytes = 256L << 20;

    // The chunk buffer of the last run, kept for the next one until a full collection takes it: a search
    // or a benchmark trains on the same data many times, and fresh memory costs a page fault every 4 KB.
    private static WeakReference<double[]>? s_spare;

    private readonly Matrix<double> _x;
    private readonly int _batchSize, _chunkRows;
    private double[]? _chunk;
    private int[]? _order;
    private int _chunkStart = -1, _gathered;
    private Matrix<double>? _batch;

    public BatchGatherer(Matrix<double> x, int batchSize, long budgetBytes = DefaultBudgetBytes)
    {
        _x = x;
        _batchSize = batchSize;
        long fit = budgetBytes / (8L * Math.Max(1, x.ColumnCount));
        _chunkRows = fit >= x.RowCount ? x.RowCount : (int)Math.Max(batchSize, fit / batchSize * batchSize); // whole batches
    }

    /// <summary>Forgets the gathered chunk: the order has been reshuffled (a new epoch).</summary>
    public void Reset() => _chunkStart = -1;

    /// <summary>
    /// The (count, D) batch of rows order[start .. start+count]. A full batch is one buffer reused from step
    /// to step (the network reads it only during that step); a partial last batch gets its own matrix.
    /// </summary>
    public Matrix<double> Batch(int[] order, int start, int count)
    {
        int d = _x.ColumnCount;
        if (_chunkStart < 0 || !ReferenceEquals(order, _order) || start < _chunkStart || start + count > _chunkStart + _gathered)
        {
            _chunk ??= TakeSpare((long)_chunkRows * d) ?? GC.AllocateUninitializedArray<double>(_chunkRows * d);
            _gathered = Math.Min(_chunkRows, order.Length - start);
            Mat.GatherRows(_x.Data(), _x.RowCount, d, order, start, _gathered, _chunk, _chunkRows);
            (_chunkStart, _order) = (start, order);
        }
        var batch = count == _batchSize ? Mat.Reuse(ref _batch, count, d) : Mat.Uninitialized(count, d);
        var bd = batch.Data();
        int offset = start - _chunkStart;
        for (int j = 0; j < d; j++)
            Array.Copy(_chunk!, (long)j * _chunkRows + offset, bd, (long)j * count, count);
        return batch;
    }

    /// <summary>Leaves the chunk buffer for the next run.</summary>
    public void Dispose()
    {
        if (_chunk is not null) s_spare = new WeakReference<double[]>(_chunk);
        _chunk = null;
    }

    private static double[]? TakeSpare(long length)
    {
        var spare = Interlocked.Exchange(ref s_spare, null);
        return spare is not null && spare.TryGetTarget(out var array) && array.Length >= length ? array : null;
    }
}
