using System.Numerics;
using NotebookDL.Tensors;
using NotebookDL.Training;

namespace NotebookDL.Data;

/// <summary>
/// CIFAR-10 in its binary format (the official <c>cifar-10-batches-bin</c> files): each record is 1 label
/// byte (0..9) and 3072 pixel bytes, 1024 R then 1024 G then 1024 B, each channel 32×32 row-major. That is
/// exactly the channel-major row layout of <see cref="Dataset"/>, so a record's pixels become one row of X
/// in the same order, kept as rows in float64 or in float32 at half the memory (<see cref="Dataset.Dtype"/>;
/// pixels are exact in both). Pixels are kept as 0..255: scaling and centring are preprocessing's job, fitted on
/// the training data (see <c>NotebookDL.Data.Preprocessing</c>).
/// </summary>
public static class Cifar10
{
    /// <summary>Bytes per image: 3 channels × 32 × 32.</summary>
    public const int PixelsPerImage = 3072;

    /// <summary>Bytes per record: the label byte and the pixels.</summary>
    public const int RecordSize = 1 + PixelsPerImage;

    /// <summary>The image shape of a row: 3×32×32.</summary>
    public static ImageShape Shape { get; } = new(3, 32, 32);

    /// <summary>The ten classes, index = label byte (as in batches.meta.txt).</summary>
    public static IReadOnlyList<string> DefaultClassNames { get; } =
        ["airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"];

    /// <summary>The class-name file of the official layout, one name per line.</summary>
    public const string MetaFileName = "batches.meta.txt";

    /// <summary>
    /// Loads one batch file: X (N, 3072) of pixel values 0..255, labels 0..9, image shape 3×32×32. Class
    /// names come from batches.meta.txt beside the file when present.
    /// </summary>
    /// <param name="path">A CIFAR-10 binary file, e.g. data_batch_1.bin.</param>
    /// <param name="maxRecords">Read only the first this many records (null = all).</param>
    /// <param name="name">The data set's name; default "cifar10 (file name)".</param>
    /// <param name="dtype">The precision the rows are stored in (see <see cref="Dataset.AsRows"/>).</param>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The size is not a multiple of 3073 or a label byte is above 9.</exception>
    /// <exception cref="DataLimitException">The records to load are more than <see cref="DataLimits.MaxValues"/> values.</exception>
    public static Dataset LoadFile(string path, int? maxRecords = null, string? name = null, Dtype dtype = Dtype.Float64)
    {
        DataFiles.CheckMaxRecords(maxRecords, nameof(maxRecords));
        var file = DataFiles.RequireFile(path, "CIFAR-10");
        long take = Math.Min(CountRecords(file), maxRecords ?? long.MaxValue);
        var classNames = ReadClassNames(file.Directory!);
        return Read([(file, take)], name ?? $"cifar10 ({Path.GetFileNameWithoutExtension(file.Name)})", classNames.Names, dtype);
    }

    /// <summary>
    /// Loads a folder in the official <c>cifar-10-batches-bin</c> layout: every <c>data_batch_*.bin</c>
    /// (concatenated in name order) is the training set, every <c>test_batch*.bin</c> the test set; each may
    /// hold any number of records. The result's <see cref="DataFolder.Description"/> lists the files and counts.
    /// </summary>
    /// <param name="folder">The folder, e.g. ~/data/cifar-10-batches-bin.</param>
    /// <param name="maxTrainRecords">Read only this many training records in all (null = all).</param>
    /// <param name="maxTestRecords">Read only this many test records in all (null = all).</param>
    /// <param name="dtype">The precision the rows are stored in (see <see cref="Dataset.AsRows"/>).</param>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="FileNotFoundException">The folder holds no batch file.</exception>
    /// <exception cref="InvalidDataException">A batch file is corrupt (named in the message).</exception>
    /// <exception cref="DataLimitException">The records to load of a split are more than <see cref="DataLimits.MaxValues"/> values.</exception>
    public static DataFolder LoadFolder(string folder, int? maxTrainRecords = null, int? maxTestRecords = null, Dtype dtype = Dtype.Float64)
    {
        DataFiles.CheckMaxRecords(maxTrainRecords, nameof(maxTrainRecords));
        DataFiles.CheckMaxRecords(maxTestRecords, nameof(maxTestRecords));
        var dir = DataFiles.RequireDirectory(folder, "CIFAR-10");
        var trainFiles = BatchFiles(dir, "data_batch_*.bin");
        var testFiles = BatchFiles(dir, "test_batch*.bin");
        if (trainFiles.Length == 0 && testFiles.Length == 0)
            throw new FileNotFoundException(
                $"CIFAR-10: folder '{dir.FullName}' holds no data_batch_*.bin or test_batch*.bin file (expected the cifar-10-batches-bin layout)");

        var classNames = ReadClassNames(dir);
        var files = new List<DataFile>();
        Dataset? Load(FileInfo[] batch, int? max, string split)
        {
            if (batch.Length == 0) return null;
            var parts = new List<(FileInfo, long)>();
            long remaining = max ?? long.MaxValue;
            foreach (var f in batch)
            {
                long take = Math.Min(CountRecords(f), remaining);
                remaining -= take;
                parts.Add((f, take));
            }
            var data = parts.Sum(p => p.Item2) == 0 ? null : Read(parts, $"cifar10 ({split})", classNames.Names, dtype);
            files.AddRange(parts.Select(p => new DataFile(p.Item1.FullName, split, (int)p.Item2))); // within the limit once read
            return data;
        }
        var train = Load(trainFiles, maxTrainRecords, "train");
        var test = Load(testFiles, maxTestRecords, "test");

        string Part(string split, Dataset? data) =>
            data is null
                ? files.Any(f => f.Split == split) ? $"{split} not loaded (limit 0)" : $"no {split} batches"
                : $"{split} {data.Count:N0} images ({string.Join(", ", files.Where(f => f.Split == split))})";
        var description = $"CIFAR-10 in {dir.FullName}: {Part("train", train)}; {Part("test", test)}; " +
                          $"{Shape} pixels 0..255; class names {classNames.Source}.";
        return new DataFolder(dir.FullName, train, test, files, description);
    }

    private static FileInfo[] BatchFiles(DirectoryInfo dir, string pattern) =>
        dir.GetFiles(pattern).OrderBy(f => f.Name, StringComparer.Ordinal).ToArray();

    /// <summary>The number of whole records, or an error when the size is not a multiple of 3073.</summary>
    private static long CountRecords(FileInfo file)
    {
        long length = file.Length;
        if (length % RecordSize != 0)
            throw new InvalidDataException(
                $"{file.FullName}: corrupt CIFAR-10 file: {length:N0} bytes is not a multiple of the record size {RecordSize} " +
                $"(1 label + {PixelsPerImage} pixels); the record at byte offset {length - length % RecordSize:N0} is incomplete");
        return length / RecordSize;
    }

    /// <summary>
    /// Reads the first records of each file into one data set, rows in file order, after checking that they fit
    /// <see cref="DataLimits.MaxValues"/> (the caller's counts come from the files' lengths, nothing read yet).
    /// </summary>
    private static Dataset Read(IReadOnlyList<(FileInfo File, long Records)> parts, string name, IReadOnlyList<string> classNames, Dtype dtype) =>
        dtype == Dtype.Float32 ? Read<float>(parts, name, classNames) : Read<double>(parts, name, classNames);

    private static Dataset Read<T>(IReadOnlyList<(FileInfo File, long Records)> parts, string name, IReadOnlyList<string> classNames)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        long total = parts.Sum(p => p.Records);
        if (total == 0)
            throw new InvalidDataException($"CIFAR-10: {string.Join(", ", parts.Select(p => p.File.FullName))} hold no records to load");
        if (total * PixelsPerImage > DataLimits.MaxValues)
            throw new DataLimitException(
                $"{string.Join(", ", parts.Select(p => p.File.FullName))}: {total:N0} records of {PixelsPerImage:N0} pixels are {total * PixelsPerImage:N0} values " +
                $"({DataLimits.AsDoubles(total * PixelsPerImage)}), and the limit is {DataLimits.MaxValues:N0} values: " +
                $"load at most {DataLimits.MaxValues / PixelsPerImage:N0} records");
        int n = (int)total;
        var data = GC.AllocateUninitializedArray<T>(n * PixelsPerImage); // every pixel is written below
        var labels = new int[n];
        int row = 0;
        foreach (var (file, count) in parts)
        {
            if (count == 0) continue;
            int records = (int)count; // at most the total, which is within the limit
            var bytes = DataFiles.ReadPrefix(file, (long)records * RecordSize);
            Fill(bytes, file.FullName, records, data, row, labels);
            row += records;
        }
        return new Dataset(name, new ExampleRows<T>(data, n, PixelsPerImage), labels, classNames, Shape);
    }

    /// <summary>
    /// Copies <paramref name="records"/> records into rows <paramref name="row0"/>.. of the row-major
    /// (n, 3072) array: record i's pixels are row row0 + i, in the same order.
    /// </summary>
    private static void Fill<T>(byte[] bytes, string path, int records, T[] data, int row0, int[] labels) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < records; i++)
        {
            byte label = bytes[(long)i * RecordSize];
            if (label > 9)
                throw new InvalidDataException(
                    $"{path}: corrupt CIFAR-10 file: record {i} (byte offset {(long)i * RecordSize:N0}) has label {label}; labels are 0..9");
            labels[row0 + i] = label;
        }
        ExampleRows<T>.CopyBytes(bytes, 1, RecordSize, records, data, row0, PixelsPerImage);
    }

    /// <summary>The largest batches.meta.txt read: ten names take well under this.</summary>
    private const int MaxMetaBytes = 1 << 16;

    /// <summary>Class names from batches.meta.txt in <paramref name="dir"/>, else the standard ten.</summary>
    private static (IReadOnlyList<string> Names, string Source) ReadClassNames(DirectoryInfo dir)
    {
        var meta = new FileInfo(Path.Combine(dir.FullName, MetaFileName));
        if (!meta.Exists) return (DefaultClassNames, "standard (no batches.meta.txt)");
        if (meta.Length > MaxMetaBytes)
            throw new InvalidDataException(
                $"{meta.FullName}: {meta.Length:N0} bytes is not a list of the 10 CIFAR-10 class names, one per line (the official file is 61 bytes; the limit is {MaxMetaBytes:N0})");
        var names = File.ReadAllLines(meta.FullName).Select(l => l.Trim()).Where(l => l.Length > 0).ToArray();
        if (names.Length != 10)
            throw new InvalidDataException($"{meta.FullName}: expected the 10 CIFAR-10 class names, one per line, found {names.Length}");
        return (names, $"from {MetaFileName}");
    }
}
