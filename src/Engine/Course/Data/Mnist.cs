using System.Numerics;
using NotebookDL.Training;

namespace NotebookDL.Data;

/// <summary>
/// MNIST in LeCun's IDX files, plain or .gz: an images file (magic 2051, N × rows × cols unsigned bytes)
/// with its labels file (magic 2049, N bytes 0..9), e.g. <c>train-images-idx3-ubyte.gz</c> with
/// <c>train-labels-idx1-ubyte.gz</c>. X is (N, 784) of pixel values 0..255 (not scaled: preprocessing
/// does that), image shape 1×28×28, classes "0".."9"; the images are stored as rows in the dtype asked
/// (<see cref="Dataset.AsRows"/>: float64, or float32 at half the memory; pixels are exact in both).
/// </summary>
public static class Mnist
{
    /// <summary>The classes, index = digit.</summary>
    public static IReadOnlyList<string> ClassNames { get; } = Enumerable.Range(0, 10).Select(i => i.ToString()).ToArray();

    /// <summary>
    /// Loads an images file with its labels file (the same name with "images" → "labels" and "idx3" →
    /// "idx1", plain or .gz), or, given a folder, its training images (or its only images file).
    /// </summary>
    /// <param name="path">An <c>*images-idx3-ubyte[.gz]</c> file or a folder holding one.</param>
    /// <param name="maxRecords">Read only the first this many images (null = all).</param>
    /// <param name="dtype">The precision the rows are stored in.</param>
    /// <exception cref="FileNotFoundException">The file, its labels file or any images file in the folder is missing.</exception>
    /// <exception cref="InvalidDataException">A file is corrupt (named in the message with the byte offset).</exception>
    public static Dataset Load(string path, int? maxRecords = null, Dtype dtype = Dtype.Float64)
    {
        DataFiles.CheckMaxRecords(maxRecords, nameof(maxRecords));
        if (Directory.Exists(path))
        {
            var images = ImageFiles(new DirectoryInfo(path));
            var train = images.Where(f => !IsTest(f)).ToArray();
            var chosen = images.Length == 1 ? images : train;
            if (chosen.Length == 0)
                throw new FileNotFoundException($"MNIST: folder '{Path.GetFullPath(path)}' holds no *images-idx3-ubyte[.gz] training file");
            if (chosen.Length > 1)
                throw new InvalidDataException(
                    $"MNIST: folder '{Path.GetFullPath(path)}' holds several training image files ({string.Join(", ", chosen.Select(f => f.Name))}); pass one of them to Mnist.Load");
            path = chosen[0].FullName;
        }
        var imagesFile = DataFiles.RequireFile(path, "MNIST images");
        return Load(imagesFile.FullName, LabelsPathFor(imagesFile), maxRecords, dtype: dtype);
    }

    /// <summary>
    /// Loads an images file and a labels file given explicitly. Both headers are read and checked first (the counts
    /// agree, the images have a size, the first <paramref name="maxRecords"/> images fit <see cref="DataLimits.MaxValues"/>);
    /// then only those images are read, and a file read to its end must end where its header says.
    /// </summary>
    /// <exception cref="InvalidDataException">A file is corrupt or the two files' counts differ.</exception>
    /// <exception cref="DataLimitException">The images to load are more than <see cref="DataLimits.MaxValues"/> values.</exception>
    public static Dataset Load(string imagesPath, string labelsPath, int? maxRecords = null, string? name = null, Dtype dtype = Dtype.Float64)
    {
        DataFiles.CheckMaxRecords(maxRecords, nameof(maxRecords));
        var imagesFile = DataFiles.RequireFile(imagesPath, "MNIST images");
        var labelsFile = DataFiles.RequireFile(labelsPath, "MNIST labels");

        using var images = Idx.Open(imagesFile, 3, "images");
        using var labelsIdx = Idx.Open(labelsFile, 1, "labels");
        int count = images.Count, height = images.Sizes[1], width = images.Sizes[2];
        if (count != labelsIdx.Count)
            throw new InvalidDataException(
                $"MNIST: {imagesFile.FullName} holds {count:N0} images but {labelsFile.FullName} holds {labelsIdx.Count:N0} labels");

        int n = Math.Min(count, maxRecords ?? count);
        if (n == 0)
            throw new InvalidDataException($"MNIST: {imagesFile.FullName} holds no images to load");
        long d = images.ItemSize;
        if (n * d > DataLimits.MaxValues)
            throw new DataLimitException(
                $"{imagesFile.FullName}: the header (offset 4) says {count:N0} images of {height}×{width}; {(n == count ? "all" : $"the first {n:N0}")} of them are " +
                $"{n * d:N0} values ({DataLimits.AsDoubles(n * d)}), and the limit is {DataLimits.MaxValues:N0} values: " +
                $"load at most {DataLimits.MaxValues / d:N0} images");

        var labelBytes = labelsIdx.Read(n);
        var labels = new int[n];
        for (int i = 0; i < n; i++)
        {
            byte label = labelBytes[i];
            if (label > 9)
                throw new InvalidDataException(
                    $"{labelsFile.FullName}: corrupt MNIST labels file: label {label} at offset {labelsIdx.HeaderSize + i} (image {i}); digits are 0..9");
            labels[i] = label;
        }
        var imageBytes = images.Read(n);
        int size = (int)d; // n · d is within the limit, so both fit an int
        var rows = dtype == Dtype.Float32 ? Rows<float>(imageBytes, n, size) : Rows<double>(imageBytes, n, size);
        return new Dataset(name ?? $"mnist ({StemOf(imagesFile.Name)})", rows, labels, ClassNames, new ImageShape(1, height, width));
    }

    private static ExampleRows Rows<T>(byte[] imageBytes, int n, int size) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var values = GC.AllocateUninitializedArray<T>(n * size); // every pixel is written
        ExampleRows<T>.CopyBytes(imageBytes, 0, size, n, values, 0, size);
        return new ExampleRows<T>(values, n, size);
    }

    /// <summary>
    /// Loads a folder holding MNIST's files: the training images (names not starting with "t10k") and the
    /// test images (<c>t10k-*</c>), each with its labels file.
    /// </summary>
    public static DataFolder LoadFolder(string folder, int? maxTrainRecords = null, int? maxTestRecords = null, Dtype dtype = Dtype.Float64)
    {
        var dir = DataFiles.RequireDirectory(folder, "MNIST");
        var images = ImageFiles(dir);
        if (images.Length == 0)
            throw new FileNotFoundException($"MNIST: folder '{dir.FullName}' holds no *images-idx3-ubyte[.gz] file");
        var files = new List<DataFile>();
        Dataset? LoadOne(FileInfo[] candidates, int? max, string split)
        {
            if (candidates.Length == 0) return null;
            if (candidates.Length > 1)
                throw new InvalidDataException(
                    $"MNIST: folder '{dir.FullName}' holds several {split} image files ({string.Join(", ", candidates.Select(f => f.Name))}); load one with Mnist.Load(images, labels)");
            var data = Load(candidates[0].FullName, LabelsPathFor(candidates[0]), max, $"mnist ({split})", dtype);
            files.Add(new DataFile(candidates[0].FullName, split, data.Count));
            return data;
        }
        var train = LoadOne(images.Where(f => !IsTest(f)).ToArray(), maxTrainRecords, "train");
        var test = LoadOne(images.Where(IsTest).ToArray(), maxTestRecords, "test");
        string Part(string split, Dataset? data) =>
            data is null ? $"no {split} images" : $"{split} {data.Count:N0} images ({string.Join(", ", files.Where(f => f.Split == split))})";
        var shape = (train ?? test)!.Image;
        var description = $"MNIST in {dir.FullName}: {Part("train", train)}; {Part("test", test)}; {shape} pixels 0..255.";
        return new DataFolder(dir.FullName, train, test, files, description);
    }

    private static bool IsTest(FileInfo f) =>
        f.Name.StartsWith("t10k", StringComparison.OrdinalIgnoreCase) || f.Name.Contains("test", StringComparison.OrdinalIgnoreCase);

    /// <summary>The images files of a folder, one per stem (the plain file preferred over its .gz), in name order.</summary>
    private static FileInfo[] ImageFiles(DirectoryInfo dir) =>
        dir.GetFiles("*images*idx3-ubyte*")
            .Where(f => f.Name.EndsWith("idx3-ubyte", StringComparison.OrdinalIgnoreCase) || f.Name.EndsWith("idx3-ubyte.gz", StringComparison.OrdinalIgnoreCase))
            .GroupBy(f => StemOf(f.Name), StringComparer.OrdinalIgnoreCase)
            .Select(g => g.OrderBy(f => f.Name.Length).First())
            .OrderBy(f => f.Name, StringComparer.Ordinal)
            .ToArray();

    private static string StemOf(string fileName) =>
        fileName.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? fileName[..^3] : fileName;

    /// <summary>The labels file beside an images file: "images" → "labels", "idx3" → "idx1"; plain or .gz.</summary>
    private static string LabelsPathFor(FileInfo images)
    {
        var stem = StemOf(images.Name);
        var labelsStem = stem.Replace("images", "labels", StringComparison.OrdinalIgnoreCase)
                             .Replace("idx3", "idx1", StringComparison.OrdinalIgnoreCase);
        var dir = images.DirectoryName!;
        foreach (var candidate in new[] { labelsStem, labelsStem + ".gz" })
        {
            var p = Path.Combine(dir, candidate);
            if (File.Exists(p)) return p;
        }
        throw new FileNotFoundException(
            $"MNIST: no labels file for {images.FullName}: expected {Path.Combine(dir, labelsStem)}[.gz]", Path.Combine(dir, labelsStem));
    }
}
