using MathNet.Numerics.LinearAlgebra;
using NotebookDL.Losses;
using NotebookDL.Tensors;

namespace NotebookDL.Data;

/// <summary>
/// Examples and their targets: X (N, D), one example per row, and one class (or label row) per example.
/// Image data sets also know their image shape, so a row can be shown as a picture; pixels are stored
/// channel-major as CIFAR-10 stores them (all R, then all G, then all B, each row-major).
/// </summary>
public sealed class Dataset
{
    /// <summary>The most classes a data set may have (a label of 2^31 - 1 would otherwise ask for 2^31 class names).</summary>
    public const int MaxClasses = 1_000_000;

    public Dataset(string name, Matrix<double> x, Targets y, IReadOnlyList<string>? classNames = null, ImageShape? image = null)
    {
        if (x.RowCount != y.Count)
            throw new ArgumentException($"data set '{name}': {x.RowCount} examples but {y.Count} targets");
        if (image is not null && (image.Channels <= 0 || image.Height <= 0 || image.Width <= 0))
            throw new ArgumentException($"data set '{name}': an image shape needs positive sizes, got {image}");
        if (image is not null && image.Size != x.ColumnCount)
            throw new ArgumentException($"data set '{name}': images of {image} need {image.Size} columns, X has {x.ColumnCount}");
        Name = name;
        X = x;
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

    /// <summary>The examples, (N, D).</summary>
    public Matrix<double> X { get; }

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
        hash.Add(X.RowCount);
        hash.Add(X.ColumnCount);
        hash.Add(Classes);
        long cells = (long)X.RowCount * X.ColumnCount;
        long step = Math.Max(1, cells / 4096);
        for (long i = 0; i < cells; i += step) hash.Add(X[(int)(i / X.ColumnCount), (int)(i % X.ColumnCount)]);
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
        X.RequireFinite(what);
        _finite = true;
    }

    private bool _finite;

    /// <summary>N, the number of examples.</summary>
    public int Count => X.RowCount;

    /// <summary>D, the width of a row.</summary>
    public int Features => X.ColumnCount;

    /// <summary>C, the number of classes (or labels).</summary>
    public int Classes => ClassNames.Count;

    /// <summary>The examples <paramref name="indices"/>, in that order, as a new data set.</summary>
    public Dataset Subset(IReadOnlyList<int> indices, string? name = null) =>
        new(name ?? Name, X.SelectRows(indices), Y.Rows(indices), ClassNames, Image);

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
