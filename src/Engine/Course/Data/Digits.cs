using System.IO.Compression;
using MathNet.Numerics.LinearAlgebra.Double;
using NotebookDL.Data.Preprocessing;

namespace NotebookDL.Data;

/// <summary>
/// The 8×8 handwritten digits (UCI optical recognition of handwritten digits, as scikit-learn ships them):
/// 1,797 images of 64 pixels 0..16, classes "0".."9". Built into the engine as an embedded resource, so a
/// notebook needs no download. See DIGITS-LICENSE.txt.
/// </summary>
public static class Digits
{
    /// <summary>The embedded resource: 1,797 lines of 64 pixels then the label, no header.</summary>
    public const string ResourceName = "NotebookDL.Data.digits.csv.gz";

    /// <summary>The image shape of a row: 1×8×8.</summary>
    public static ImageShape Shape { get; } = new(1, 8, 8);

    private static readonly Lazy<Dataset> Parsed = new(Parse, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>
    /// The digits: X (1797, 64) of pixel values 0..16, labels 0..9. Parsed once; each call returns a fresh
    /// copy, so a caller that writes into X does not change what the next caller gets.
    /// </summary>
    public static Dataset Load()
    {
        var cached = Parsed.Value;
        return new Dataset(cached.Name, DenseMatrix.OfMatrix(cached.X), (int[])cached.Labels.Clone(), cached.ClassNames, cached.Image);
    }

    /// <summary>
    /// The split the course trains on until a notebook picks other data: 300 validation examples drawn with seed 0,
    /// the other 1,497 for training, raw pixels 0..16 (<see cref="DatasetDefaults"/>' digits).
    /// </summary>
    public static DatasetSplits DefaultSplit() => Split.Random(Load(), val: DatasetDefaults.For("digits").Val!.Value, seed: 0);

    /// <summary>
    /// <paramref name="split"/> (by default <see cref="DefaultSplit"/>) preprocessed as the course does by default: mean-subtracted
    /// and standardised ("mean,std") with the training part's statistics. What <c>#!train</c> trains on before any <c>#!dataset</c>.
    /// </summary>
    public static DatasetSplits Prepared(DatasetSplits? split = null) =>
        Pipeline.Parse(DatasetDefaults.For("digits").Preprocessing).FitTransform(split ?? DefaultSplit());

    private static Dataset Parse()
    {
        using var stream = typeof(Digits).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"the engine assembly lacks its embedded resource {ResourceName}");
        using var gzip = new GZipStream(stream, CompressionMode.Decompress);
        using var reader = new StreamReader(gzip);
        return CsvDataset.Parse(CsvDataset.Lines(reader, ResourceName), ResourceName, "digits", labelColumn: -1, hasHeader: false, separator: ',',
                                Shape, Enumerable.Range(0, 10).Select(i => i.ToString()).ToArray());
    }
}
