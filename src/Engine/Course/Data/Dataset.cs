using System.Numerics;
using MathNet.Numerics.LinearAlgebra;
using NotebookDL.Losses;
using NotebookDL.Tensors;
using NotebookDL.Training;

namespace NotebookDL.Data;

/// <summary>
/// Examples and their targets: X (N, D), one example per row, and one class (or label row) per example.
/// Image data sets also know their image shape, so a row can be shown as a picture; pixels are stored
/// channel-major as CIFAR-10 stores them (all R, then all G, then all B, each row-major).
/// The examples are stored either as the matrix X a caller gave, or compactly as rows in float64 or float32
/// (the CIFAR-10 and MNIST loaders, <see cref="AsRows"/>): training takes its mini-batches from the rows, and
/// X is then made from them only when code asks for it, and kept only while in use.
/// </summary>
public sealed class Dataset
{
    /// <summary>The most classes a data set may have (a label of 2^31 - 1 would otherwise ask for 2^31 class names).</summary>
    public const int MaxClasses = 1_000_000;

    public Dataset(string name, Matrix<double> x, Targets y, IReadOnlyList<string>? classNames = null, ImageShape? image = null)
        : this(name, x.RowCount, x.ColumnCount, y, classNames, image) => _x = x;

    /// <summary>A data set whose examples are stored as <paramref name="rows"/>.</summary>
    internal Dataset(string name, ExampleRows rows, Targets y, IReadOnlyList<string>? classNames = null, ImageShape? image = null)
        : this(name, rows.Count, rows.Features, y, classNames, image) => _rows = rows;

    private Dataset(string name, int count, int features, Targets y, IReadOnlyList<string>? classNames, ImageShape? image)
    {
        if (count != y.Count)
            throw new ArgumentException($"data set '{name}': {count} examples but {y.Count} targets");
        if (image is not null && (image.Channels <= 0 || image.Height <= 0 || image.Width <= 0))
            throw new ArgumentException($"data set '{name}': an image shape needs positive sizes, got {image}");
        if (image is not null && image.Size != features)
            throw new ArgumentException($"data set '{name}': images of {image} need {image.Size} columns, X has {features}");
        Name = name;
        (Count, Features) = (count, features);
        Y = y;
        int classes = y.Classes is int[] c ? ClassCount(name, c, classNames) : y.Labels!.ColumnCount;
        if (classNames is not null && y.Labels is not null && classNames.Count != classes)
            throw new ArgumentException($"data set '{name}': {classes} label columns but {classNames.Count} class names");
        ClassNames = classNames ?? Enumerable.Range(0, classes).Select(i => i.ToString()).ToArray();
        Image = image;
    }

    /// <summary>C = largest label + 1, after checking every label is in 0..C-1 and has a name when names are given.</summary>
    private static int ClassCount(string name, int[] labels, IReadOnlyList<string>? classNames)
    {
        int max = -1;
        for (int i = 0; i < labels.Length; i++)
        {
            int label = labels[i];
            if (label < 0) throw new ArgumentException($"data set '{name}': label {label} of example {i} is negative: classes are numbered 0, 1, 2, ...");
            if (classNames is not null && label >= classNames.Count)
                throw new ArgumentException($"data set '{name}': label {label} of example {i} has no class name ({classNames.Count} names given)");
            if (label >= MaxClasses)
                throw new ArgumentException($"data set '{name}': label {label} of example {i} would make {(long)label + 1:N0} classes; at most {MaxClasses:N0}");
            max = Math.Max(max, label);
        }
        return max + 1;
    }

    /// <summary>A short name shown in summaries, e.g. "cifar10 (train)".</summary>
    public string Name { get; }

    /// <summary>
    /// The examples, (N, D), column-major doubles. For a data set stored as rows (<see cref="Dtype"/>), made from them
    /// when asked for (exact: a float32 widens without rounding) and kept only while code holds it (a weak
    /// reference), so that the compact rows stay the data set's only lasting copy.
    /// </summary>
    public Matrix<double> X
    {
        get
        {
            if (_x is not null) return _x;
            lock (_madeX)
            {
                if (!_madeX.TryGetTarget(out var x)) _madeX.SetTarget(x = _rows!.ToMatrix());
                return x;
            }
        }
    }

    private readonly Matrix<double>? _x;
    private readonly ExampleRows? _rows;
    private readonly WeakReference<Matrix<double>> _madeX = new(null!);

    /// <summary>True while an X made from the rows is still held somewhere (tests: a summary must not make one).</summary>
    internal bool HoldsMadeX => _madeX.TryGetTarget(out _);

    /// <summary>
    /// Every value of the examples as stored, without making X: example after example for rows, column after column
    /// for a matrix (a summary of 50,000 CIFAR-10 images in float32 reads their 600 MB instead of making 1.2 GB).
    /// </summary>
    public IEnumerable<double> StoredValues() => _rows?.AllValues() ?? _x!.Data();

    /// <summary>Example <paramref name="index"/>'s D values (a new array), from the rows when stored so.</summary>
    public double[] Example(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
        if (_rows is null) return X.Row(index).ToArray();
        var row = new double[Features];
        for (int j = 0; j < row.Length; j++) row[j] = _rows[index, j];
        return row;
    }

    /// <summary>The examples stored as rows (mini-batches are gathered from them), or null when they are only the matrix X.</summary>
    internal ExampleRows? Rows => _rows;

    /// <summary>The precision the examples are stored in: float32 only for rows stored so (<see cref="AsRows"/>, a loader's dtype).</summary>
    public Dtype Dtype => _rows?.Dtype ?? Dtype.Float64;

    /// <summary>The bytes the examples take as stored (the rows, else X), not counting an X made from rows while in use.</summary>
    public long StoredBytes => _rows?.Bytes ?? (long)Count * Features * sizeof(double);

    /// <summary>How the examples are stored, e.g. "float32 rows, 24.6 MB" or "float64 matrix, 0.1 MB" (MB = 10^6 bytes).</summary>
    public string Storage => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"{Dtype.Name()} {(_rows is null ? "matrix" : "rows")}, {StoredBytes / 1e6:0.0} MB");

    /// <summary>
    /// The same data set with its examples stored compactly as rows in <paramref name="dtype"/> (this one when they
    /// already are): float32 halves the memory and is what a float32 run computes in; values round to nearest.
    /// </summary>
    public Dataset AsRows(Dtype dtype) =>
        _rows?.Dtype == dtype ? this : new Dataset(Name, _rows?.To(dtype) ?? ExampleRows.From(_x!, dtype), Y, ClassNames, Image);

    /// <summary>The examples <paramref name="rows"/> (all when null) as a column-major matrix in T, from the rows when stored so.</summary>
    internal Matrix<T> Examples<T>(int[]? rows = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (_rows is null) return Mat.To<T>(rows is null ? X : X.SelectRows(rows));
        return _rows.Gather<T>(rows ?? Enumerable.Range(0, Count).ToArray());
    }

    /// <summary>The targets: class indices, or multi-label rows.</summary>
    public Targets Y { get; }

    /// <summary>The class indices (throws for multi-label data).</summary>
    public int[] Labels => Y.RequireClasses(Name);

    /// <summary>Names of the classes, index = class.</summary>
    public IReadOnlyList<string> ClassNames { get; }

    /// <summary>The image shape of a row, or null for non-image data.</summary>
    public ImageShape? Image { get; }

    /// <summary>
    /// A hash of the shape, of up to 4,096 values of X spread evenly over it and of the targets: two data sets with
    /// the same shape but another split, other preprocessing or other examples have different fingerprints
    /// (so a model can tell the data it was trained on). Computed once.
    /// </summary>
    /// <remarks>HashCode is seeded per process: compare fingerprints within one process (one kernel) only.</remarks>
    public int Fingerprint => _fingerprint ??= ComputeFingerprint();

    private int? _fingerprint;

    private int ComputeFingerprint()
    {
        var hash = new HashCode();
        hash.Add(Count);
        hash.Add(Features);
        hash.Add(Classes);
        long cells = (long)Count * Features;
        long step = Math.Max(1, cells / 4096);
        for (long i = 0; i < cells; i += step)
        {
            int row = (int)(i / Features), column = (int)(i % Features);
            hash.Add(_rows is null ? _x![row, column] : _rows[row, column]);
        }
        if (Y.Classes is int[] labels)
            for (long i = 0, labelStep = Math.Max(1, labels.Length / 4096); i < labels.Length; i += labelStep) hash.Add(labels[i]);
        return hash.ToHashCode();
    }

    /// <summary>
    /// Throws a clear error naming <paramref name="what"/> when X holds NaN or infinity. Checked once: every run
    /// on this data set checks it (a search's trials, an ensemble's members, each epoch of a benchmark), and a pass
    /// over CIFAR-10's 30.7 million values takes 20-30 ms.
    /// </summary>
    internal void RequireFinite(string what)
    {
        if (_finite) return;
        if (_rows is null) _x!.RequireFinite(what);
        else if (_rows.FirstNotFinite() is var (row, column, value)) throw Mat.NotFinite(what, value, row, column);
        _finite = true;
    }

    private bool _finite;

    /// <summary>N, the number of examples.</summary>
    public int Count { get; }

    /// <summary>D, the width of a row.</summary>
    public int Features { get; }

    /// <summary>C, the number of classes (or labels).</summary>
    public int Classes => ClassNames.Count;

    /// <summary>The examples <paramref name="indices"/>, in that order, as a new data set.</summary>
    public Dataset Subset(IReadOnlyList<int> indices, string? name = null)
    {
        if (_rows is null) return new(name ?? Name, X.SelectRows(indices), Y.Rows(indices), ClassNames, Image);
        return new(name ?? Name, _rows.Select(Mat.CheckedRows(indices, Count)), Y.Rows(indices), ClassNames, Image);
    }

    /// <summary>The first <paramref name="count"/> examples (all of them when there are fewer).</summary>
    public Dataset Take(int count, string? name = null) =>
        Subset(Enumerable.Range(0, Math.Min(Math.Max(count, 0), Count)).ToArray(), name);

    /// <summary>The same targets with new features (after preprocessing).</summary>
    public Dataset WithX(Matrix<double> x, string? name = null) => new(name ?? Name, x, Y, ClassNames, x.ColumnCount == Features ? Image : null);

    public override string ToString() => $"{Name}: {Count:N0} examples × {Features} features, {Classes} classes";
}

/// <summary>The shape of one image row: channels × height × width.</summary>
public sealed record ImageShape(int Channels, int Height, int Width)
{
    public int Size => Channels * Height * Width;
    public override string ToString() => $"{Channels}×{Height}×{Width}";
}
