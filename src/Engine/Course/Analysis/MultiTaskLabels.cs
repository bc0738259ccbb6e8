using NotebookDL.Data;
using NotebookDL.Losses;
using NotebookDL.Tensors;
using NotebookDL.Training;

namespace NotebookDL.Analysis;

/// <summary>
/// Multi-label data for multi-task learning (lecture: one image can hold a pedestrian, a car, a stop sign and a
/// traffic light, so y is a vector of C yes/no labels, some of them unknown "?"). <see cref="FromClasses"/>
/// derives yes/no tasks from class labels, <see cref="Hide(Dataset, double, int)"/> blanks a share of the labels (NaN = "?", which
/// <see cref="SigmoidCrossEntropy"/> skips), <see cref="Accuracy"/> scores each task on its present labels.
/// </summary>
public static class MultiTaskLabels
{
    /// <summary>Four yes/no questions about a digit: even? at least 5? drawn with a loop (0, 6, 8, 9)? prime?</summary>
    public static IReadOnlyList<(string Name, int[] Positive)> DigitTasks { get; } =
    [
        ("even", [0, 2, 4, 6, 8]),
        ("at least 5", [5, 6, 7, 8, 9]),
        ("loop", [0, 6, 8, 9]),
        ("prime", [2, 3, 5, 7]),
    ];

    /// <summary>
    /// Labels (N, T): entry (i, t) is 1 when example i's class is among task t's positive classes, else 0.
    /// The data set's class names become the task names.
    /// </summary>
    /// <exception cref="ArgumentException">No tasks, a blank or repeated task name, or multi-label data.</exception>
    public static Dataset FromClasses(Dataset data, IReadOnlyList<(string Name, int[] Positive)> tasks, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(tasks);
        if (tasks.Count == 0) throw new ArgumentException("give at least one task, e.g. (\"even\", [0, 2, 4, 6, 8])");
        if (tasks.Any(t => string.IsNullOrWhiteSpace(t.Name))) throw new ArgumentException("every task needs a name");
        if (tasks.Select(t => t.Name).Distinct().Count() != tasks.Count) throw new ArgumentException("two tasks have the same name");
        var classes = data.Y.RequireClasses($"tasks from the classes of '{data.Name}'");
        int n = classes.Length;
        var labels = Mat.Zeros(n, tasks.Count);
        var d = labels.Data();
        for (int t = 0; t < tasks.Count; t++)
        {
            var positive = tasks[t].Positive.ToHashSet();
            for (int i = 0; i < n; i++) d[t * n + i] = positive.Contains(classes[i]) ? 1 : 0;
        }
        return new Dataset(name ?? data.Name, data.X, Targets.OfLabels(labels), tasks.Select(t => t.Name).ToArray(), data.Image);
    }

    /// <summary>
    /// The same data with round(<paramref name="share"/> · N · T) labels, chosen at random (seeded), replaced by
    /// NaN: the "?" entries a labeller left blank.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="share"/> outside [0, 1).</exception>
    /// <exception cref="ArgumentException">Data without multi-label targets.</exception>
    public static Dataset Hide(Dataset data, double share, int seed = 0)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (!(share >= 0 && share < 1))
            throw new ArgumentOutOfRangeException(nameof(share), share, $"the share of missing labels must be in [0, 1) (0.3 for 30%), got {share}");
        var labels = data.Y.Labels ?? throw new ArgumentException($"'{data.Name}' has class targets: make yes/no labels first (MultiTaskLabels.FromClasses)");
        var hidden = labels.ToDense();
        var d = hidden.Data();
        int count = (int)Math.Round(share * d.Length, MidpointRounding.AwayFromZero);
        foreach (var k in new Rng(seed).Permutation(d.Length).Take(count)) d[k] = double.NaN;
        return new Dataset(data.Name, data.X, Targets.OfLabels(hidden), data.ClassNames, data.Image);
    }

    /// <summary>
    /// The same with a share per task: in column t, round(<paramref name="shares"/>[t] · N) labels chosen at
    /// random (seeded) become NaN. A task with few labels can borrow the features the others teach.
    /// </summary>
    /// <exception cref="ArgumentException">One share per task is needed; data without multi-label targets.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A share outside [0, 1).</exception>
    public static Dataset Hide(Dataset data, IReadOnlyList<double> shares, int seed = 0)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(shares);
        var labels = data.Y.Labels ?? throw new ArgumentException($"'{data.Name}' has class targets: make yes/no labels first (MultiTaskLabels.FromClasses)");
        if (shares.Count != labels.ColumnCount)
            throw new ArgumentException($"give one missing share per task: {labels.ColumnCount} tasks ({string.Join(", ", data.ClassNames)}), {shares.Count} shares");
        foreach (var share in shares)
            if (!(share >= 0 && share < 1))
                throw new ArgumentOutOfRangeException(nameof(shares), share, $"the share of missing labels must be in [0, 1) (0.3 for 30%), got {share}");
        var hidden = labels.ToDense();
        var d = hidden.Data();
        int n = hidden.RowCount;
        var rng = new Rng(seed);
        for (int t = 0; t < shares.Count; t++)
        {
            int count = (int)Math.Round(shares[t] * n, MidpointRounding.AwayFromZero);
            foreach (var i in rng.Permutation(n).Take(count)) d[t * n + i] = double.NaN;
        }
        return new Dataset(data.Name, data.X, Targets.OfLabels(hidden), data.ClassNames, data.Image);
    }

    /// <summary>Share of labels that are present (not NaN) per task (T).</summary>
    public static double[] Present(Dataset data)
    {
        var labels = Labels(data);
        int n = labels.RowCount;
        var d = labels.Data();
        return Enumerable.Range(0, labels.ColumnCount)
            .Select(t => n == 0 ? 0 : (double)Enumerable.Range(0, n).Count(i => !double.IsNaN(d[t * n + i])) / n).ToArray();
    }

    /// <summary>
    /// Per task (T): the share of present labels that <paramref name="net"/> (one sigmoid output per task, test
    /// mode) gets right, predicting yes when its score is ≥ 0 (σ ≥ 0.5). NaN for a task with no present label.
    /// </summary>
    /// <exception cref="ArgumentException">A network whose outputs do not match the tasks.</exception>
    public static double[] Accuracy(Network net, Dataset data)
    {
        ArgumentNullException.ThrowIfNull(net);
        var labels = Labels(data);
        if (net.OutputSize != labels.ColumnCount)
            throw new ArgumentException($"the network has {net.OutputSize} outputs but '{data.Name}' has {labels.ColumnCount} tasks");
        var scores = net.Forward(data.X, Mode.Test).Data();
        var d = labels.Data();
        int n = labels.RowCount;
        var accuracy = new double[labels.ColumnCount];
        for (int t = 0; t < accuracy.Length; t++)
        {
            int present = 0, right = 0;
            for (int i = 0; i < n; i++)
            {
                double y = d[t * n + i];
                if (double.IsNaN(y)) continue;
                present++;
                if ((scores[t * n + i] >= 0 ? 1.0 : 0.0) == y) right++;
            }
            accuracy[t] = present == 0 ? double.NaN : (double)right / present;
        }
        return accuracy;
    }

    /// <summary>Task <paramref name="task"/> alone, keeping only the examples whose label is present: what a separate network trains on.</summary>
    public static Dataset Single(Dataset data, int task)
    {
        var labels = Labels(data);
        if (task < 0 || task >= labels.ColumnCount)
            throw new ArgumentOutOfRangeException(nameof(task), task, $"'{data.Name}' has tasks 0..{labels.ColumnCount - 1}");
        int n = labels.RowCount;
        var d = labels.Data();
        var rows = Enumerable.Range(0, n).Where(i => !double.IsNaN(d[task * n + i])).ToArray();
        var column = Mat.Zeros(rows.Length, 1);
        var c = column.Data();
        for (int k = 0; k < rows.Length; k++) c[k] = d[task * n + rows[k]];
        return new Dataset($"{data.Name}: {data.ClassNames[task]}", data.X.SelectRows(rows), Targets.OfLabels(column), [data.ClassNames[task]], data.Image);
    }

    private static MathNet.Numerics.LinearAlgebra.Matrix<double> Labels(Dataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return data.Y.Labels ?? throw new ArgumentException($"'{data.Name}' has class targets, not yes/no labels per task");
    }
}
