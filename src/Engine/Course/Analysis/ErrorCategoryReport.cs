using System.Globalization;

namespace NotebookDL.Analysis;

/// <summary>
/// The lecture's error-analysis spreadsheet: of a sample of misclassified dev examples, how many fall in each
/// category (dogs, great cats, blurry, mislabelled...). A category's share of the errors is the most that
/// fixing it can gain: with 10% dev error and 5 dogs among 100 errors, perfect dog handling takes the error
/// to 10% · (1 − 0.05) = 9.5% at best (its <i>ceiling</i>); 50 great cats could take it to 5%. An error may
/// fall in several categories, so shares can add up to more than 100%.
/// </summary>
public sealed class ErrorCategoryReport
{
    private ErrorCategoryReport(double errorRate, int sampled, int totalErrors, int examined, IReadOnlyList<ErrorCategory> categories, int uncategorized)
    {
        ErrorRate = errorRate;
        Sampled = sampled;
        TotalErrors = totalErrors;
        Examined = examined;
        Categories = categories;
        Uncategorized = uncategorized;
    }

    /// <summary>The dev error rate before any fix, in [0, 1].</summary>
    public double ErrorRate { get; }

    /// <summary>The errors looked at (the lecture: ~100).</summary>
    public int Sampled { get; }

    /// <summary>All misclassified dev examples (the sample was drawn from them).</summary>
    public int TotalErrors { get; }

    /// <summary>The dev examples examined.</summary>
    public int Examined { get; }

    /// <summary>The categories in the order given.</summary>
    public IReadOnlyList<ErrorCategory> Categories { get; }

    /// <summary>Sampled errors that fall in no category (-1 for a report from counts, where it is unknown).</summary>
    public int Uncategorized { get; }

    /// <summary>The category holding the most errors: the one worth working on first.</summary>
    public ErrorCategory Largest => Categories.OrderByDescending(c => c.Count).First();

    /// <summary>
    /// A report from counts alone, as the lecture works it on paper:
    /// <c>ErrorCategoryReport.FromCounts(0.10, 100, ("dogs", 5), ("great cats", 50))</c>.
    /// </summary>
    /// <param name="errorRate">The dev error, in [0, 1].</param>
    /// <param name="sampled">How many errors were looked at (&gt; 0).</param>
    /// <param name="counts">Each category and how many of the sampled errors fall in it (0..sampled).</param>
    /// <exception cref="ArgumentOutOfRangeException">An error rate outside [0, 1], no errors sampled, or a count outside 0..sampled.</exception>
    /// <exception cref="ArgumentException">No categories, or a blank or repeated name.</exception>
    public static ErrorCategoryReport FromCounts(double errorRate, int sampled, params (string Name, int Count)[] counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        Validate(errorRate, sampled, counts.Select(c => c.Name).ToArray());
        foreach (var (name, count) in counts)
            if (count < 0 || count > sampled)
                throw new ArgumentOutOfRangeException(nameof(counts), count, $"category '{name}' holds {count} errors; it must be 0..{sampled} (the errors sampled)");
        var categories = counts.Select(c => new ErrorCategory(c.Name.Trim(), c.Count, sampled, errorRate, [])).ToArray();
        return new ErrorCategoryReport(errorRate, sampled, sampled, examined: 0, categories, uncategorized: -1);
    }

    /// <summary>A report over sampled errors: each category's members are indices among <paramref name="sampledIndices"/>.</summary>
    internal static ErrorCategoryReport Create(double errorRate, int sampled, int totalErrors, int examined,
                                              (string Name, int[] Members)[] categories, int[] sampledIndices)
    {
        Validate(errorRate, sampled, categories.Select(c => c.Name).ToArray());
        var list = categories.Select(c => new ErrorCategory(c.Name.Trim(), c.Members.Length, sampled, errorRate, c.Members)).ToArray();
        var anywhere = categories.SelectMany(c => c.Members).ToHashSet();
        return new ErrorCategoryReport(errorRate, sampled, totalErrors, examined, list, sampledIndices.Count(i => !anywhere.Contains(i)));
    }

    private static void Validate(double errorRate, int sampled, string[] names)
    {
        if (!(errorRate >= 0 && errorRate <= 1))
            throw new ArgumentOutOfRangeException(nameof(errorRate), errorRate, $"the error rate must be in [0, 1] (0.10 for 10%), got {errorRate}");
        if (sampled <= 0)
            throw new ArgumentOutOfRangeException(nameof(sampled), sampled, "no errors were sampled: a classifier without dev errors leaves nothing to analyse");
        if (names.Length == 0) throw new ArgumentException("name at least one category");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            if (string.IsNullOrWhiteSpace(name)) throw new ArgumentException("a category needs a name");
            if (!seen.Add(name.Trim())) throw new ArgumentException($"category '{name.Trim()}' is named twice");
        }
    }

    /// <summary>One line per category, largest first, then the advice.</summary>
    public override string ToString()
    {
        var c = CultureInfo.InvariantCulture;
        var lines = new List<string>
        {
            string.Create(c, $"{Sampled} errors looked at; dev error {100 * ErrorRate:F1}%"),
        };
        lines.AddRange(Categories.OrderByDescending(x => x.Count).Select(x => x.ToString()));
        if (Uncategorized >= 0) lines.Add($"in no category: {Uncategorized}");
        lines.Add(Advice);
        return string.Join(Environment.NewLine, lines);
    }

    /// <summary>Which category to work on, in the lecture's terms.</summary>
    public string Advice
    {
        get
        {
            var top = Largest;
            return top.Count == 0
                ? "no sampled error falls in these categories: look at the errors again for what they share"
                : string.Create(CultureInfo.InvariantCulture,
                    $"work on '{top.Name}' first: it holds {100 * top.Share:F1}% of the errors, so fixing it could take the error from {100 * ErrorRate:F1}% to {100 * top.Ceiling:F1}%");
        }
    }
}

/// <summary>
/// One row of the error-analysis spreadsheet.
/// </summary>
/// <param name="Name">The category, e.g. "dogs".</param>
/// <param name="Count">Sampled errors in it.</param>
/// <param name="Sampled">Errors looked at.</param>
/// <param name="ErrorRate">The dev error before any fix.</param>
/// <param name="Examples">The indices of its errors in the data examined (empty for a report from counts).</param>
public sealed record ErrorCategory(string Name, int Count, int Sampled, double ErrorRate, IReadOnlyList<int> Examples)
{
    /// <summary>Count / Sampled: the share of the errors in this category.</summary>
    public double Share => (double)Count / Sampled;

    /// <summary>The most that fixing the category can remove from the error: ErrorRate · Share.</summary>
    public double MaxGain => ErrorRate * Share;

    /// <summary>The ceiling on performance: the error if every error of this category were fixed, ErrorRate · (1 − Share).</summary>
    public double Ceiling => ErrorRate - MaxGain;

    /// <summary>"dogs: 5 of 100 errors (5.0%): fixing them takes the error from 10.0% to 9.5% at best".</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Name}: {Count} of {Sampled} errors ({100 * Share:F1}%): fixing them takes the error from {100 * ErrorRate:F1}% to {100 * Ceiling:F1}% at best");
}
