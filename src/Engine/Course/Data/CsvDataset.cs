using System.Globalization;
using NotebookDL.Tensors;

namespace NotebookDL.Data;

/// <summary>
/// A classification data set from a CSV file: one example per line, numeric feature columns and one label
/// column holding integer classes (0, 1, 2, ...) or class names (mapped to indices in sorted order).
/// Fields are separated by a comma (or the given separator) and trimmed; quoted fields are not supported;
/// blank lines are skipped. Errors name the file, the line and the column (both 1-based).
/// </summary>
public static class CsvDataset
{
    /// <summary>
    /// Loads <paramref name="path"/>: X (N, D) from the feature columns, one class per line from the label column.
    /// </summary>
    /// <param name="path">The CSV file.</param>
    /// <param name="labelColumn">0-based index of the label column; negative counts from the end (-1 = last, the default).</param>
    /// <param name="hasHeader">
    /// Whether line 1 names the columns; null detects it: line 1 is a header when none of its feature
    /// fields is a number, data when all are, and an error when it mixes the two.
    /// </param>
    /// <param name="separator">The field separator.</param>
    /// <param name="name">The data set's name; default the file name without extension.</param>
    /// <param name="image">The image shape of a row, for pixel data (its size must equal the feature count).</param>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">A ragged row, a non-number, or a bad label (file, line and column named).</exception>
    public static Dataset Load(string path, int labelColumn = -1, bool? hasHeader = null, char separator = ',',
                               string? name = null, ImageShape? image = null)
    {
        var file = DataFiles.RequireFile(path, "CSV");
        return Parse(File.ReadLines(file.FullName), file.FullName, name ?? Path.GetFileNameWithoutExtension(file.Name),
                     labelColumn, hasHeader, separator, image, classNames: null);
    }

    /// <summary>The parser behind <see cref="Load"/>, also used for the built-in data sets.</summary>
    internal static Dataset Parse(IEnumerable<string> lines, string source, string name, int labelColumn, bool? hasHeader,
                                  char separator, ImageShape? image, IReadOnlyList<string>? classNames)
    {
        var rows = new List<double[]>();
        var rawLabels = new List<(string Text, int Line)>();
        int width = -1, label = 0, lineNo = 0, firstLine = 0;
        string[]? header = null;
        bool? integerLabels = null;

        foreach (var line in lines)
        {
            lineNo++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            var fields = line.Split(separator);
            for (int k = 0; k < fields.Length; k++) fields[k] = fields[k].Trim();

            if (width < 0)
            {
                width = fields.Length;
                firstLine = lineNo;
                if (width < 2)
                    throw new InvalidDataException($"{source}: line {lineNo} has {width} field; a data set needs at least one feature column and a label column");
                label = labelColumn < 0 ? width + labelColumn : labelColumn;
                if (label < 0 || label >= width)
                    throw new ArgumentOutOfRangeException(nameof(labelColumn), labelColumn,
                        $"{source}: label column {labelColumn} is outside the {width} columns of line {lineNo}");
                if (hasHeader ?? DetectHeader(fields, label, source, lineNo))
                {
                    header = fields;
                    continue;
                }
            }
            else if (fields.Length != width)
            {
                throw new InvalidDataException(
                    $"{source}: line {lineNo} has {fields.Length} fields, expected {width} (as on line {firstLine})");
            }

            var row = new double[width - 1];
            for (int c = 0, f = 0; c < width; c++)
            {
                if (c == label) continue;
                if (!TryNumber(fields[c], out row[f++]))
                    throw new InvalidDataException($"{source}: line {lineNo}, column {c + 1}: '{fields[c]}' is not a number");
            }
            rows.Add(row);
            integerLabels ??= IsClassIndex(fields[label]);
            rawLabels.Add((fields[label], lineNo));
        }

        if (rows.Count == 0)
            throw new InvalidDataException($"{source}: no data rows{(header is null ? "" : " after the header")}");

        int n = rows.Count, d = width - 1;
        var x = Mat.Zeros(n, d);
        var data = x.Data();
        for (int i = 0; i < n; i++)
        {
            var row = rows[i];
            for (int j = 0; j < d; j++) data[j * n + i] = row[j];
        }

        var labels = new int[n];
        IReadOnlyList<string>? names = classNames;
        if (integerLabels == true)
        {
            for (int i = 0; i < n; i++)
            {
                var (text, at) = rawLabels[i];
                if (!IsClassIndex(text))
                    throw new InvalidDataException(
                        $"{source}: line {at}, column {label + 1}: label '{text}' is not a class index 0, 1, 2, ... (the first row's label is one)");
                labels[i] = int.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture);
            }
        }
        else
        {
            // Class names: indices in sorted (ordinal) order, so the mapping does not depend on row order.
            var sorted = rawLabels.Select(l => l.Text).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
            var index = sorted.Select((s, k) => (s, k)).ToDictionary(p => p.s, p => p.k, StringComparer.Ordinal);
            for (int i = 0; i < n; i++) labels[i] = index[rawLabels[i].Text];
            names ??= sorted;
        }
        if (names is not null && labels.Max() >= names.Count)
            throw new InvalidDataException($"{source}: label {labels.Max()} but only {names.Count} class names");
        return new Dataset(name, x, labels, names, image);
    }

    private static bool DetectHeader(string[] fields, int label, string source, int lineNo)
    {
        int numbers = 0, texts = 0;
        for (int c = 0; c < fields.Length; c++)
        {
            if (c == label) continue;
            if (TryNumber(fields[c], out _)) numbers++; else texts++;
        }
        if (numbers > 0 && texts > 0)
            throw new InvalidDataException(
                $"{source}: line {lineNo} mixes numbers and text in its feature columns, so it is neither clearly a header nor data; pass hasHeader: true or false");
        return texts > 0;
    }

    /// <summary>A finite number in invariant culture ("1.5", "-2e-3"); NaN and infinity are not data.</summary>
    private static bool TryNumber(string s, out double value) =>
        double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);

    private static bool IsClassIndex(string s) =>
        s.Length is > 0 and <= 9 && s.All(char.IsAsciiDigit);
}
