using NotebookDL.Data;
using NotebookDL.Training;

namespace NotebookDL.Analysis;

/// <summary>
/// How a classifier's predictions fall against the true classes: Counts[i, j] is the number of examples of
/// true class i predicted as class j, so the diagonal holds the correct ones. The start of the lecture's
/// error analysis: which classes are mistaken for which, and how often.
/// </summary>
public sealed class ConfusionMatrix
{
    private ConfusionMatrix(int[,] counts, IReadOnlyList<string> classNames)
    {
        Counts = counts;
        ClassNames = classNames;
    }

    /// <summary>(C, C) counts: rows are the true classes, columns the predicted ones.</summary>
    public int[,] Counts { get; }

    /// <summary>Names of the classes, index = class.</summary>
    public IReadOnlyList<string> ClassNames { get; }

    /// <summary>C, the number of classes.</summary>
    public int Classes => ClassNames.Count;

    /// <summary>N, the number of examples counted.</summary>
    public int Total { get; private init; }

    /// <summary>The number of correct predictions (the diagonal's sum).</summary>
    public int Correct { get; private init; }

    /// <summary>Correct / Total (NaN when no examples were counted).</summary>
    public double Accuracy => Total == 0 ? double.NaN : (double)Correct / Total;

    /// <summary>
    /// Counts the pairs (actual[i], predicted[i]).
    /// </summary>
    /// <param name="actual">The true class of each example (N), in 0..C-1.</param>
    /// <param name="predicted">The predicted class of each example (N), in 0..C-1.</param>
    /// <param name="classNames">The C class names, index = class.</param>
    /// <exception cref="ArgumentException">The arrays differ in length, or there are no classes.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A class index outside 0..C-1.</exception>
    public static ConfusionMatrix From(int[] actual, int[] predicted, IReadOnlyList<string> classNames)
    {
        ArgumentNullException.ThrowIfNull(actual);
        ArgumentNullException.ThrowIfNull(predicted);
        ArgumentNullException.ThrowIfNull(classNames);
        if (actual.Length != predicted.Length)
            throw new ArgumentException($"{actual.Length} true classes but {predicted.Length} predictions: one of each per example");
        int c = classNames.Count;
        if (c == 0) throw new ArgumentException("a confusion matrix needs at least one class name");
        var counts = new int[c, c];
        int correct = 0;
        for (int i = 0; i < actual.Length; i++)
        {
            int a = actual[i], p = predicted[i];
            if ((uint)a >= (uint)c)
                throw new ArgumentOutOfRangeException(nameof(actual), a, $"example {i} has true class {a}; the classes are 0..{c - 1}");
            if ((uint)p >= (uint)c)
                throw new ArgumentOutOfRangeException(nameof(predicted), p, $"example {i} is predicted as class {p}; the classes are 0..{c - 1}");
            counts[a, p]++;
            if (a == p) correct++;
        }
        return new ConfusionMatrix(counts, classNames.ToArray()) { Total = actual.Length, Correct = correct };
    }

    /// <summary>The confusion matrix of <paramref name="net"/>'s test-mode predictions on <paramref name="data"/>.</summary>
    public static ConfusionMatrix Of(Network net, Dataset data)
    {
        ArgumentNullException.ThrowIfNull(net);
        ArgumentNullException.ThrowIfNull(data);
        var classes = Math.Max(data.Classes, net.OutputSize);
        var names = Enumerable.Range(0, classes).Select(i => i < data.ClassNames.Count ? data.ClassNames[i] : i.ToString()).ToArray();
        return From(data.Labels, net.Predict(data.X), names);
    }

    /// <summary>Examples of true class <paramref name="c"/> (the row's sum).</summary>
    public int Actual(int c) => Enumerable.Range(0, Classes).Sum(j => Counts[c, j]);

    /// <summary>Examples predicted as class <paramref name="c"/> (the column's sum).</summary>
    public int Predicted(int c) => Enumerable.Range(0, Classes).Sum(i => Counts[i, c]);

    /// <summary>Of the examples predicted as c, the share that are c: Counts[c, c] / column sum (NaN when none is predicted as c).</summary>
    public double Precision(int c)
    {
        int predicted = Predicted(c);
        return predicted == 0 ? double.NaN : (double)Counts[c, c] / predicted;
    }

    /// <summary>Of the examples of class c, the share predicted as c: Counts[c, c] / row sum (NaN when c has no examples).</summary>
    public double Recall(int c)
    {
        int actual = Actual(c);
        return actual == 0 ? double.NaN : (double)Counts[c, c] / actual;
    }

    /// <summary>Precision of every class (C).</summary>
    public double[] Precisions => Enumerable.Range(0, Classes).Select(Precision).ToArray();

    /// <summary>Recall of every class (C).</summary>
    public double[] Recalls => Enumerable.Range(0, Classes).Select(Recall).ToArray();

    /// <summary>
    /// The <paramref name="k"/> off-diagonal cells with the most examples (true class mistaken for predicted
    /// class), largest first, ties in row-then-column order; cells with no examples are left out.
    /// </summary>
    public IReadOnlyList<Confusion> MostConfused(int k = 5)
    {
        if (k < 0) throw new ArgumentOutOfRangeException(nameof(k), k, $"k must be >= 0, got {k}");
        var cells = new List<Confusion>();
        for (int i = 0; i < Classes; i++)
            for (int j = 0; j < Classes; j++)
                if (i != j && Counts[i, j] > 0) cells.Add(new Confusion(i, j, ClassNames[i], ClassNames[j], Counts[i, j]));
        return cells.OrderByDescending(c => c.Count).ThenBy(c => c.Actual).ThenBy(c => c.Predicted).Take(k).ToList();
    }

    /// <summary>The counts as rows of doubles (for charts): row i is true class i.</summary>
    public double[][] ToRows() =>
        Enumerable.Range(0, Classes).Select(i => Enumerable.Range(0, Classes).Select(j => (double)Counts[i, j]).ToArray()).ToArray();

    public override string ToString() => $"confusion matrix of {Total:N0} examples, {Classes} classes: accuracy {Accuracy:P1}";
}

/// <summary>One off-diagonal cell of a confusion matrix: <see cref="Count"/> examples of class Actual predicted as Predicted.</summary>
public sealed record Confusion(int Actual, int Predicted, string ActualName, string PredictedName, int Count)
{
    public override string ToString() => $"{ActualName} → {PredictedName}: {Count:N0}";
}
