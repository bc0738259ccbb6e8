using System.Numerics;
using MathNet.Numerics.LinearAlgebra;
using NotebookDL.Data;

namespace NotebookDL.Training;

/// <summary>
/// The examples an epoch's accuracy is measured on (the training sample, the validation set) and their labels.
/// Examples stored as rows stay where they are: each measurement gathers them a batch at a time into the
/// trainer's batch matrix, so a run allocates no copy of them (fresh memory costs a page fault every 4 KB).
/// Otherwise the examples are one matrix in T, made once. Either way every example is predicted on its own row
/// by the same operations, so the accuracy is the same.
/// </summary>
internal sealed class AccuracySet<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Matrix<T>? _x;
    private readonly ExampleRows? _rows;
    private readonly int[] _index;

    /// <summary>The examples <paramref name="rows"/> of <paramref name="data"/> (all when null), labelled <paramref name="labels"/>.</summary>
    public AccuracySet(Dataset data, int[]? rows, int[] labels)
    {
        Labels = labels;
        if ((_rows = data.Rows) is not null) _index = rows ?? [.. Enumerable.Range(0, data.Count)];
        else (_x, _index) = (data.Examples<T>(rows), []);
    }

    /// <summary>The label of each example, in order.</summary>
    public int[] Labels { get; }

    /// <summary>The fraction of the examples <paramref name="net"/> classifies right (test mode).</summary>
    public double Measure(Network<T> net, BatchGatherer<T> batches)
    {
        if (_x is not null) return net.Accuracy(_x, Labels);
        if (Labels.Length == 0) return double.NaN;
        int correct = 0;
        for (int start = 0; start < _index.Length; start += batches.BatchSize)
        {
            int count = Math.Min(batches.BatchSize, _index.Length - start);
            var predicted = net.Predict(batches.Rows(_rows!, _index, start, count));
            for (int i = 0; i < count; i++) if (predicted[i] == Labels[start + i]) correct++;
        }
        return (double)correct / Labels.Length;
    }
}
