using System.Globalization;
using System.Text;
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
    /// The labels are class indices (whole numbers 0, 1, 2, ..., also written "2.0") or class names (any other
    /// text, and negative whole numbers, mapped in sorted order); at most <see cref="DataLimits.MaxCsvClasses"/>
    /// classes and no more than the rows. A label with a fractional part is a continuous target, not a class.
    /// </summary>
    /// <param name="path">The CSV file.</param>
    /// <param name="labelColumn">0-based index of the label column; negative counts from the end (-1 = last, the default).</param>
    /// <param name="hasHeader">
    /// Whether line 1 is a header; null detects it: line 1 is data when its feature fields are all numbers, a
    /// header when none is or when it is scikit-learn's header (rows, features, then the class names, e.g.
    /// "150,4,setosa,versicolor,virginica": its counts are checked and its names become the class names), and an
    /// error when it mixes numbers and text otherwise.
    /// </param>
    /// <param name="separator">The field separator.</param>
    /// <param name="name">The data set's name; default the file name without extension.</param>
    /// <param name="image">The image shape of a row, for pixel data (its size must equal the feature count).</param>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">
    /// A ragged row, a non-number, a line over <see cref="DataLimits.MaxLineLength"/>, or a label column that does not
    /// hold classes (file, line, column and value named; <see cref="Exception.Data"/>[<see cref="OptionKey"/>] names the
    /// parameter that may fix it).
    /// </exception>
    /// <exception cref="DataLimitException">The rows pass <see cref="DataLimits.MaxValues"/> values (the line named).</exception>
    public static Dataset Load(string path, int labelColumn = -1, bool? hasHeader = null, char separator = ',',
                               string? name = null, ImageShape? image = null)
    {
        var file = DataFiles.RequireFile(path, "CSV");
        using var reader = new StreamReader(file.FullName, detectEncodingFromByteOrderMarks: true);
        return Parse(Lines(reader, file.FullName), file.FullName, name ?? Path.GetFileNameWithoutExtension(file.Name),
                     labelColumn, hasHeader, separator, image, classNames: null);
    }

    /// <summary>
    /// The key of <see cref="Exception.Data"/> that names the parameter of <see cref="Load"/> a caller may change to
    /// fix the error: "labelColumn" (the column holds no classes) or "hasHeader" (line 1 is neither clearly a header
    /// nor data), so that a command can name its own option instead.
    /// </summary>
    public const string OptionKey = "NotebookDL.CsvDataset.Option";

    /// <summary>
    /// The lines of <paramref name="reader"/> without their line ends, each at most <see cref="DataLimits.MaxLineLength"/>
    /// characters: a longer one (a binary file, a file without line ends) is refused before it is read whole.
    /// </summary>
    internal static IEnumerable<string> Lines(TextReader reader, string source)
    {
        var line = new StringBuilder();
        var buffer = new char[1 << 14];
        int lineNo = 1, read;
        while ((read = reader.Read(buffer, 0, buffer.Length)) > 0)
        {
            int start = 0;
            for (int i = 0; i < read; i++)
            {
                if (buffer[i] != '\n') continue;
                Append(line, buffer, start, i - start, source, lineNo);
                if (line.Length > 0 && line[^1] == '\r') line.Length--;
                yield return line.ToString();
                line.Clear();
                lineNo++;
                start = i + 1;
            }
            Append(line, buffer, start, read - start, source, lineNo);
        }
        if (line.Length > 0) yield return line.Length > 0 && line[^1] == '\r' ? line.ToString(0, line.Length - 1) : line.ToString();
    }

    private static void Append(StringBuilder line, char[] buffer, int start, int count, string source, int lineNo)
    {
        if (line.Length + count > DataLimits.MaxLineLength)
            throw new InvalidDataException(
                $"{source}: line {lineNo} is longer than {DataLimits.MaxLineLength:N0} characters: this is not a CSV text file, or its lines do not end");
        line.Append(buffer, start, count);
    }

    /// <summary>The parser behind <see cref="Load"/>, also used for the built-in data sets.</summary>
    internal static Dataset Parse(IEnumerable<string> lines, string source, string name, int labelColumn, bool? hasHeader,
                                  char separator, ImageShape? image, IReadOnlyList<string>? classNames, long maxValues = DataLimits.MaxValues)
    {
        var rows = new List<double[]>();
        var rawLabels = new List<(string Text, int Line)>();
        int width = -1, label = 0, lineNo = 0, firstLine = 0, headerLine = 0;
        string[]? header = null;

        foreach (var line in lines)
        {
            lineNo++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            var fields = line.Split(separator);
            for (int k = 0; k < fields.Length; k++) fields[k] = fields[k].Trim();

            if (headerLine == 0 && width < 0)
            {
                headerLine = lineNo; // the first line: a header, or the first row
                if (hasHeader ?? IsHeader(fields, labelColumn, source, lineNo))
                {
                    header = fields;
                    continue;
                }
            }
            if (width < 0)
            {
                width = fields.Length;
                firstLine = lineNo;
                if (width < 2)
                    throw new InvalidDataException($"{source}: line {lineNo} has {width} field; a data set needs at least one feature column and a label column");
                label = LabelIndex(width, labelColumn, source, lineNo);
                if (header is not null && !IsScikitLearnHeader(header) && header.Length != width)
                    throw new InvalidDataException($"{source}: line {headerLine} (the header) names {header.Length} columns but line {lineNo} has {width} fields");
            }
            else if (fields.Length != width)
            {
                throw new InvalidDataException(
                    $"{source}: line {lineNo} has {fields.Length} fields, expected {width} (as on line {firstLine})");
            }

            if ((long)(rows.Count + 1) * (width - 1) > maxValues)
                throw new DataLimitException(
                    $"{source}: line {lineNo}: {rows.Count + 1:N0} rows of {width - 1:N0} features are {(long)(rows.Count + 1) * (width - 1):N0} values; " +
                    $"the limit is {maxValues:N0} ({DataLimits.AsDoubles(maxValues)}): load a part of the file");
            var row = new double[width - 1];
            for (int c = 0, f = 0; c < width; c++)
            {
                if (c == label) continue;
                if (!TryNumber(fields[c], out row[f++]))
                    throw new InvalidDataException($"{source}: line {lineNo}, column {c + 1}: '{fields[c]}' is not a number");
            }
            rows.Add(row);
            rawLabels.Add((fields[label], lineNo));
        }

        if (rows.Count == 0)
            throw new InvalidDataException($"{source}: no data rows{(header is null ? "" : " after the header")}");

        bool scikitLearn = header is not null && IsScikitLearnHeader(header);
        var column = new CsvLabelColumn(source, label, width, scikitLearn ? null : header?[label]);
        var (labels, names) = column.Classes(rawLabels, classNames);
        if (scikitLearn) names = ScikitLearnClassNames(header!, headerLine, rows.Count, width - 1, names, source);

        int n = rows.Count, d = width - 1;
        var x = Mat.Zeros(n, d);
        var data = x.Data();
        for (int i = 0; i < n; i++)
        {
            var row = rows[i];
            for (int j = 0; j < d; j++) data[j * n + i] = row[j];
        }
        if (names is not null && labels.Max() >= names.Count)
            throw new InvalidDataException($"{source}: label {labels.Max()} but only {names.Count} class names");
        return new Dataset(name, x, labels, names, image);
    }

    /// <summary>The 0-based label column of rows of <paramref name="width"/> fields.</summary>
    private static int LabelIndex(int width, int labelColumn, string source, int lineNo)
    {
        int label = labelColumn < 0 ? width + labelColumn : labelColumn;
        if (label < 0 || label >= width)
            throw new ArgumentOutOfRangeException(nameof(labelColumn), labelColumn,
                $"{source}: label column {labelColumn} is outside the {width} columns of line {lineNo}");
        return label;
    }

    /// <summary>
    /// Whether the first line is a header: not when its feature fields are all numbers; yes when it is
    /// scikit-learn's header or none of its feature fields is a number; an error when it mixes the two.
    /// </summary>
    private static bool IsHeader(string[] fields, int labelColumn, string source, int lineNo)
    {
        if (fields.Length < 2) return false; // the row's own error says why
        int label = labelColumn < 0 ? fields.Length + labelColumn : labelColumn;
        int numbers = 0, texts = 0;
        for (int c = 0; c < fields.Length; c++)
        {
            if (c == label) continue;
            if (TryNumber(fields[c], out _)) numbers++; else texts++;
        }
        if (texts == 0) return false;
        if (numbers == 0 || IsScikitLearnHeader(fields)) return true;
        var error = new InvalidDataException(
            $"{source}: line {lineNo} mixes numbers and text in its feature columns, so it is neither clearly a header nor data: say whether it is a header");
        error.Data[OptionKey] = "hasHeader";
        throw error;
    }

    /// <summary>
    /// scikit-learn's CSV header (its bundled iris.csv, breast_cancer.csv, ...): the number of rows, the number of
    /// features, then the class names, e.g. "150,4,setosa,versicolor,virginica".
    /// </summary>
    private static bool IsScikitLearnHeader(string[] fields) =>
        fields.Length >= 3 && IsWhole(fields[0]) && IsWhole(fields[1]) && fields.Skip(2).All(f => f.Length > 0 && !TryNumber(f, out _));

    private static bool IsWhole(string s) => s.Length is > 0 and <= 9 && s.All(char.IsAsciiDigit);

    /// <summary>The class names of scikit-learn's header, after checking its counts against the file.</summary>
    private static IReadOnlyList<string> ScikitLearnClassNames(string[] header, int line, int rows, int features, IReadOnlyList<string>? names, string source)
    {
        int saysRows = int.Parse(header[0], CultureInfo.InvariantCulture), saysFeatures = int.Parse(header[1], CultureInfo.InvariantCulture);
        var classes = header[2..];
        string? problem =
            saysRows != rows || saysFeatures != features ? $"the file has {rows:N0} rows of {features:N0} features"
            : names is not null ? $"the labels are names ({names[0]}, ...), not the class indices 0, 1, 2, ... it names"
            : classes.Length > DataLimits.MaxCsvClasses ? $"it names {classes.Length:N0} classes, more than the limit of {DataLimits.MaxCsvClasses:N0}"
            : null;
        if (problem is null) return classes;
        var error = new InvalidDataException(
            $"{source}: line {line} reads as scikit-learn's header (rows, features, class names) but says {saysRows:N0} rows of {saysFeatures:N0} features; {problem}");
        error.Data[OptionKey] = "hasHeader";
        throw error;
    }

    /// <summary>A finite number in invariant culture ("1.5", "-2e-3"); NaN and infinity are not data.</summary>
    internal static bool TryNumber(string s, out double value) =>
        double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
}
