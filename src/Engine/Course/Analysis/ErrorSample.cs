using MathNet.Numerics.LinearAlgebra;
using NotebookDL.Data;
using NotebookDL.Losses;
using NotebookDL.Tensors;
using NotebookDL.Training;

namespace NotebookDL.Analysis;

/// <summary>
/// The start of the lecture's error analysis: of the dev examples a classifier gets wrong, a seeded random
/// sample of about 100 to look at by hand (all of them when there are fewer), with the dev error rate and the
/// confusion matrix of the whole dev set. Tag the sample's errors with categories (<see cref="Tag(ValueTuple{int, string}[])"/>) or with
/// a predicate per category (<see cref="Categorize"/>) to see what fixing each category could gain.
/// </summary>
public sealed class ErrorSample
{
    /// <summary>The lecture's sample size: "get ~100 mislabelled dev set examples".</summary>
    public const int DefaultSize = 100;

    private ErrorSample(Dataset data, ConfusionMatrix confusion, int errorCount, IReadOnlyList<MisclassifiedExample> errors, int seed)
    {
        Data = data;
        Confusion = confusion;
        ErrorCount = errorCount;
        Errors = errors;
        Seed = seed;
    }

    /// <summary>The data set examined (usually the dev set).</summary>
    public Dataset Data { get; }

    /// <summary>The confusion matrix of every example examined.</summary>
    public ConfusionMatrix Confusion { get; }

    /// <summary>N, the examples examined.</summary>
    public int Examined => Data.Count;

    /// <summary>How many of them are misclassified.</summary>
    public int ErrorCount { get; }

    /// <summary>ErrorCount / Examined: the dev error that fixing a category can lower.</summary>
    public double ErrorRate => Examined == 0 ? double.NaN : (double)ErrorCount / Examined;

    /// <summary>The sampled errors, in the data's order.</summary>
    public IReadOnlyList<MisclassifiedExample> Errors { get; }

    /// <summary>The seed of the sample.</summary>
    public int Seed { get; }

    /// <summary>
    /// Runs <paramref name="net"/> (test mode) over <paramref name="data"/> and samples up to
    /// <paramref name="size"/> of its errors with <paramref name="seed"/>.
    /// </summary>
    /// <param name="net">The classifier.</param>
    /// <param name="data">The examples with their true classes (N, D): the dev set.</param>
    /// <param name="size">How many errors to sample (the lecture: ~100).</param>
    /// <param name="seed">Seed of the sample.</param>
    /// <param name="pictures">The same N examples before preprocessing, for pictures; null when not kept.</param>
    /// <exception cref="ArgumentException">The data does not fit the network (features, or more classes than it predicts), or has multi-label targets.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="size"/> is not positive.</exception>
    public static ErrorSample Draw(Network net, Dataset data, int size = DefaultSize, int seed = 0, Dataset? pictures = null)
    {
        ArgumentNullException.ThrowIfNull(net);
        ArgumentNullException.ThrowIfNull(data);
        if (data.Features != net.InputSize)
            throw new ArgumentException($"'{data.Name}' has {data.Features} features but the network takes {net.InputSize}: analyse the data it was trained for");
        if (data.Classes > net.OutputSize)
            throw new ArgumentException($"'{data.Name}' has {data.Classes} classes but the network predicts {net.OutputSize}: analyse the data it was trained for");
        if (data.Count == 0) throw new ArgumentException($"'{data.Name}' is empty: there is nothing to analyse");
        var scores = Scores(net, data.X);
        return Build(data, scores, net.Loss.Predict(scores), size, seed, pictures);
    }

    /// <summary>
    /// The same from a classifier's scores (N, C) on <paramref name="data"/>: the prediction is each row's
    /// highest score, the confidence its softmax probability.
    /// </summary>
    public static ErrorSample FromScores(Dataset data, Matrix<double> scores, int size = DefaultSize, int seed = 0, Dataset? pictures = null) =>
        Build(data, scores, Softmax.ArgmaxRows(scores ?? throw new ArgumentNullException(nameof(scores))), size, seed, pictures);

    private static ErrorSample Build(Dataset data, Matrix<double> scores, int[] predicted, int size, int seed, Dataset? pictures)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(scores);
        if (size <= 0) throw new ArgumentOutOfRangeException(nameof(size), size, $"the sample size must be positive (the lecture looks at ~100 errors), got {size}");
        var labels = data.Y.RequireClasses($"error analysis of '{data.Name}'");
        if (scores.RowCount != data.Count)
            throw new ArgumentException($"{scores.RowCount} rows of scores for the {data.Count} examples of '{data.Name}'");
        // A class without a column of scores has no probability: the classifier was trained on other data.
        if (scores.ColumnCount < data.Classes)
            throw new ArgumentException($"{scores.ColumnCount} columns of scores for the {data.Classes} classes of '{data.Name}': the classifier was trained on other data");
        if (pictures is not null && (pictures.Count != data.Count || pictures.Features != data.Features))
            throw new ArgumentException($"the pictures ({pictures.Count} × {pictures.Features}) must be the same examples as '{data.Name}' ({data.Count} × {data.Features})");

        var names = Enumerable.Range(0, Math.Max(data.Classes, scores.ColumnCount))
            .Select(i => i < data.ClassNames.Count ? data.ClassNames[i] : i.ToString()).ToArray();
        var confusion = ConfusionMatrix.From(labels, predicted, names);
        var wrong = Enumerable.Range(0, labels.Length).Where(i => labels[i] != predicted[i]).ToArray();
        var chosen = wrong;
        if (wrong.Length > size)
        {
            var order = new Rng(seed).Permutation(wrong.Length);
            chosen = order.Take(size).Select(k => wrong[k]).Order().ToArray();
        }

        var errors = new List<MisclassifiedExample>(chosen.Length);
        if (chosen.Length == 0) return new ErrorSample(data, confusion, 0, errors, seed);
        var probabilities = Softmax.Rows(scores.SelectRows(chosen));
        for (int k = 0; k < chosen.Length; k++)
        {
            int i = chosen[k];
            errors.Add(new MisclassifiedExample(i, labels[i], predicted[i], probabilities[k, predicted[i]], probabilities[k, labels[i]],
                names, Row(data.X, i), pictures is null ? null : Row(pictures.X, i)));
        }
        return new ErrorSample(data, confusion, wrong.Length, errors, seed);
    }

    /// <summary>
    /// Counts the sampled errors that each predicate accepts (an error may fall in several categories, as in
    /// the lecture's spreadsheet), e.g. <c>sample.Categorize(("4 vs 9", e =&gt; e.Confuses(4, 9)), ("unsure", e =&gt; e.Confidence &lt; 0.5))</c>.
    /// </summary>
    /// <exception cref="ArgumentException">No categories, a blank or repeated name, or a null predicate.</exception>
    public ErrorCategoryReport Categorize(params (string Name, Func<MisclassifiedExample, bool> Test)[] categories)
    {
        ArgumentNullException.ThrowIfNull(categories);
        if (categories.Length == 0) throw new ArgumentException("name at least one category with its test, e.g. (\"4 vs 9\", e => e.Confuses(4, 9))");
        foreach (var (name, test) in categories)
            if (test is null) throw new ArgumentException($"category '{name}' has no test");
        var members = categories.Select(c => Errors.Where(c.Test).Select(e => e.Index).ToArray()).ToArray();
        return ErrorCategoryReport.Create(ErrorRate, Errors.Count, ErrorCount, Examined,
            categories.Select((c, k) => (c.Name, members[k])).ToArray(), Errors.Select(e => e.Index).ToArray());
    }

    /// <summary>
    /// Counts categories given by hand: <paramref name="tags"/> maps a sampled error's <see cref="MisclassifiedExample.Index"/>
    /// to the categories a person saw in it, e.g. <c>sample.Tag(new Dictionary&lt;int, string[]&gt; { [12] = ["blurry"], [40] = ["mislabelled", "blurry"] })</c>.
    /// Sampled errors without tags count as uncategorised.
    /// </summary>
    /// <exception cref="ArgumentException">An index that is not one of the sampled errors, or no tags at all.</exception>
    public ErrorCategoryReport Tag(IReadOnlyDictionary<int, string[]> tags)
    {
        ArgumentNullException.ThrowIfNull(tags);
        var sampled = Errors.Select(e => e.Index).ToHashSet();
        foreach (var index in tags.Keys)
            if (!sampled.Contains(index))
                throw new ArgumentException($"example {index} is not one of the {Errors.Count} sampled errors; tag the indices listed in the gallery (e.g. {string.Join(", ", Errors.Take(3).Select(e => e.Index))})");
        var categories = tags.Values.SelectMany(t => t ?? []).Select(t => t.Trim()).Where(t => t.Length > 0).Distinct().ToArray();
        if (categories.Length == 0) throw new ArgumentException("no categories in the tags: give each example's categories, e.g. [12] = [\"blurry\"]");
        return ErrorCategoryReport.Create(ErrorRate, Errors.Count, ErrorCount, Examined,
            categories.Select(c => (c, tags.Where(t => t.Value is not null && t.Value.Any(v => v.Trim() == c)).Select(t => t.Key).Order().ToArray())).ToArray(),
            Errors.Select(e => e.Index).ToArray());
    }

    /// <summary>
    /// The same with each tagged error and its categories comma-separated, as a person writes them down while
    /// looking at the gallery: <c>sample.Tag((12, "blurry"), (40, "mislabelled, blurry"))</c>.
    /// </summary>
    public ErrorCategoryReport Tag(params (int Index, string Categories)[] tags)
    {
        ArgumentNullException.ThrowIfNull(tags);
        var byIndex = new Dictionary<int, string[]>();
        foreach (var (index, categories) in tags)
        {
            var list = (categories ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            byIndex[index] = byIndex.TryGetValue(index, out var earlier) ? [.. earlier, .. list] : list;
        }
        return Tag(byIndex);
    }

    /// <summary>The sampled error of example <paramref name="index"/>.</summary>
    public MisclassifiedExample this[int index] =>
        Errors.FirstOrDefault(e => e.Index == index) ?? throw new KeyNotFoundException($"example {index} is not one of the sampled errors");

    public override string ToString() =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"{ErrorCount:N0} of {Examined:N0} examples of '{Data.Name}' misclassified (error {100 * ErrorRate:F1}%); {Errors.Count} sampled (seed {Seed})");

    private static Matrix<double> Scores(Network net, Matrix<double> x, int batch = 1000)
    {
        if (x.RowCount <= batch) return net.Forward(x, Mode.Test);
        var scores = Mat.Zeros(x.RowCount, net.OutputSize);
        for (int start = 0; start < x.RowCount; start += batch)
        {
            int count = Math.Min(batch, x.RowCount - start);
            var part = net.Forward(x.SelectRows(Enumerable.Range(start, count).ToArray()), Mode.Test);
            scores.SetSubMatrix(start, 0, part);
        }
        return scores;
    }

    private static double[] Row(Matrix<double> x, int i)
    {
        var data = x.Data();
        int n = x.RowCount;
        var row = new double[x.ColumnCount];
        for (int j = 0; j < row.Length; j++) row[j] = data[j * n + i];
        return row;
    }
}
