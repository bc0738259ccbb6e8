using System.Globalization;

namespace NotebookDL.Data;

/// <summary>
/// The label column of a CSV turned into classes, after checking that it holds classes: whole numbers 0, 1, 2, ...
/// are class indices (also written "2.0"); names, or whole numbers with negatives among them, are mapped to indices
/// in sorted order. A fraction is a continuous target; more classes than rows, or than
/// <see cref="DataLimits.MaxCsvClasses"/>, are an id or a continuous target written in whole numbers. Both are
/// refused before anything is made per class, naming the file, the line, the column and the value.
/// </summary>
/// <param name="Source">The file, for messages.</param>
/// <param name="Index">The column's 0-based index.</param>
/// <param name="Width">The number of columns.</param>
/// <param name="Title">The column's name in the header, if any.</param>
internal sealed record CsvLabelColumn(string Source, int Index, int Width, string? Title)
{
    /// <summary>
    /// The class of each row and the class names (null: the indices themselves, or <paramref name="classNames"/>
    /// when given).
    /// </summary>
    public (int[] Labels, IReadOnlyList<string>? Names) Classes(IReadOnlyList<(string Text, int Line)> raw, IReadOnlyList<string>? classNames)
    {
        int n = raw.Count;
        var values = new double[n];
        bool numbers = true;
        int fractions = 0, firstFraction = -1;
        for (int i = 0; i < n; i++)
        {
            if (!CsvDataset.TryNumber(raw[i].Text, out values[i]))
            {
                numbers = false;
                continue;
            }
            if (values[i] != Math.Floor(values[i]) && fractions++ == 0) firstFraction = i;
        }
        if (fractions > 0)
        {
            var (text, line) = raw[firstFraction];
            throw Refusal(
                $"line {line}, {Column}: label '{text}' is not a whole number ({fractions:N0} of the {n:N0} labels have a fractional part): " +
                $"a label is a class (0, 1, 2, ... or a name), so this column looks like a continuous target (regression is not supported) or a feature");
        }
        if (numbers && values.All(v => v >= 0)) return (Indices(raw, values), classNames);
        return Names(raw, numbers ? values : null, classNames);
    }

    /// <summary>Whole numbers 0, 1, 2, ...: each its class, the largest below min(rows, the limit).</summary>
    private int[] Indices(IReadOnlyList<(string Text, int Line)> raw, double[] values)
    {
        int n = raw.Count, limit = Math.Min(n, DataLimits.MaxCsvClasses);
        var labels = new int[n];
        for (int i = 0; i < n; i++)
        {
            if (values[i] >= limit)
            {
                int distinct = values.Distinct().Count();
                bool idLike = distinct > limit || n >= 10 && distinct > n / 2; // a handful of rows says little
                var bound = n <= DataLimits.MaxCsvClasses
                    ? $"more than the {n:N0} rows (a class index at or above the number of rows leaves classes without an example)"
                    : $"more than the limit of {DataLimits.MaxCsvClasses:N0}";
                throw Refusal(
                    $"line {raw[i].Line}, {Column}: label {raw[i].Text} would make {values[i] + 1:N0} classes, {bound}; the column holds {distinct:N0} different values in {n:N0} rows, " +
                    (idLike
                        ? "which looks like a continuous target written in whole numbers (regression is not supported) or an id, not classes"
                        : $"so {raw[i].Text} may be a typo"));
            }
            labels[i] = (int)values[i];
        }
        return labels;
    }

    /// <summary>Names (or whole numbers with negatives, <paramref name="values"/>): indices in sorted order, at most the limit.</summary>
    private (int[] Labels, IReadOnlyList<string> Names) Names(IReadOnlyList<(string Text, int Line)> raw, double[]? values, IReadOnlyList<string>? classNames)
    {
        int n = raw.Count;
        var keys = new string[n];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < n; i++)
        {
            keys[i] = values is null ? raw[i].Text : values[i].ToString(CultureInfo.InvariantCulture);
            if (seen.Add(keys[i]) && seen.Count > DataLimits.MaxCsvClasses)
                throw Refusal(
                    $"line {raw[i].Line}, {Column}: label '{raw[i].Text}' makes {seen.Count:N0} different labels, more than the limit of {DataLimits.MaxCsvClasses:N0} classes: " +
                    "this column looks like an id or free text, not classes");
        }
        // Names in ordinal order and numbers in numeric order, so that the mapping does not depend on the rows' order.
        var sorted = values is null
            ? seen.Order(StringComparer.Ordinal).ToArray()
            : seen.OrderBy(k => double.Parse(k, CultureInfo.InvariantCulture)).ToArray();
        var index = sorted.Select((k, c) => (k, c)).ToDictionary(p => p.k, p => p.c, StringComparer.Ordinal);
        return (keys.Select(k => index[k]).ToArray(), classNames ?? sorted);
    }

    /// <summary>"column 3 ('price')".</summary>
    private string Column => Title is null or "" ? $"column {Index + 1}" : $"column {Index + 1} ('{Title}')";

    /// <summary>The error, asking whether this is the label column and naming the parameter that chooses another.</summary>
    private InvalidDataException Refusal(string problem)
    {
        var error = new InvalidDataException($"{Source}: {problem} — is column {Index + 1} of {Width} the label column?");
        error.Data[CsvDataset.OptionKey] = "labelColumn";
        return error;
    }
}
