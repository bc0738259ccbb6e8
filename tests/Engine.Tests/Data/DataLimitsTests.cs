using System.Buffers.Binary;
using System.IO.Compression;
using NotebookDL.Data;

namespace NotebookDL.Tests.Data;

/// <summary>
/// Files whose header or length asks for more than <see cref="DataLimits.MaxValues"/>: refused from the header,
/// before anything of that size is allocated, with the file named; a record limit loads their first records.
/// </summary>
public class DataLimitsTests
{
    /// <summary>Bytes this thread allocates while <paramref name="action"/> runs (the loaders read on the calling thread).</summary>
    private static long Allocated(Action action)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        action();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    /// <summary>A gzipped IDX images file: the header (count, 28×28) and then <paramref name="dataBytes"/> zero bytes, streamed.</summary>
    private static string WriteGzImages(TempFolder temp, string name, int headerCount, long dataBytes)
    {
        var path = temp.File(name);
        using var output = File.Create(path);
        using var gzip = new GZipStream(output, CompressionLevel.Fastest);
        var header = new byte[16];
        BinaryPrimitives.WriteInt32BigEndian(header, 2051);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), headerCount);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(8), 28);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(12), 28);
        gzip.Write(header);
        var zeros = new byte[1 << 20];
        for (long left = dataBytes; left > 0; left -= zeros.Length) gzip.Write(zeros, 0, (int)Math.Min(left, zeros.Length));
        return path;
    }

    [Fact]
    public void A_gz_whose_header_claims_3_8_million_images_is_refused_from_its_header_without_allocating_them()
    {
        using var temp = new TempFolder();
        // 3,826,000 images of 28×28 are 3 GB of pixels (24 GB as doubles): the file holds 10 of them.
        var images = WriteGzImages(temp, "train-images-idx3-ubyte.gz", 3_826_000, 10 * 784);
        temp.Write("train-labels-idx1-ubyte.gz", TempFolder.IdxLabels(new byte[10], headerCount: 3_826_000));

        DataLimitException? error = null;
        long allocated = Allocated(() => error = Assert.Throws<DataLimitException>(() => Mnist.Load(images)));

        Assert.True(allocated < 4 << 20, $"refusing the header allocated {allocated:N0} bytes");
        Assert.Contains(images, error!.Message);
        Assert.Contains("3,826,000 images of 28×28", error.Message);
        Assert.Contains($"the limit is {DataLimits.MaxValues:N0} values", error.Message);
        Assert.Contains($"at most {DataLimits.MaxValues / 784:N0} images", error.Message);
        // The first images load with a record limit: only they are read.
        Assert.Equal(10, Mnist.Load(images, maxRecords: 10).Count);
    }

    [Fact]
    public void A_gz_that_unpacks_past_what_its_header_says_is_read_no_further_than_the_header_s_end()
    {
        using var temp = new TempFolder();
        // The header says 2 images (1,568 bytes) but 64 MB follow.
        var images = WriteGzImages(temp, "train-images-idx3-ubyte.gz", 2, 64L << 20);
        temp.Write("train-labels-idx1-ubyte.gz", TempFolder.IdxLabels([3, 4]));

        InvalidDataException? error = null;
        long allocated = Allocated(() => error = Assert.Throws<InvalidDataException>(() => Mnist.Load(images)));

        Assert.True(allocated < 4 << 20, $"reading past the header's 2 images allocated {allocated:N0} bytes");
        Assert.Contains(images, error!.Message);
        Assert.Contains("goes on past offset 1,584", error.Message); // 16 header bytes + 2 × 784
        Assert.Contains("2 images of 28×28", error.Message);
        Assert.Equal([3], Mnist.Load(images, maxRecords: 1).Labels); // a prefix is read and nothing after it
    }

    [Fact]
    public void A_plain_idx_file_of_3_gb_is_refused_from_its_header_without_reading_it()
    {
        using var temp = new TempFolder();
        const int count = 3_826_000;
        var images = temp.Write("train-images-idx3-ubyte", TempFolder.IdxImages(count, 28, 28, []));
        using (var file = new FileStream(images, FileMode.Open)) file.SetLength(16 + (long)count * 784); // sparse: 3 GB on paper
        temp.Write("train-labels-idx1-ubyte", TempFolder.IdxLabels(new byte[count]));

        DataLimitException? error = null;
        long allocated = Allocated(() => error = Assert.Throws<DataLimitException>(() => Mnist.Load(images)));

        Assert.True(allocated < 4 << 20, $"refusing the header allocated {allocated:N0} bytes");
        Assert.Contains(images, error!.Message);
        Assert.Contains("3,826,000 images of 28×28", error.Message);
    }

    [Fact]
    public void A_plain_idx_file_longer_than_its_header_says_is_corrupt()
    {
        using var temp = new TempFolder();
        var images = temp.Write("train-images-idx3-ubyte", TempFolder.IdxImages(2, 2, 2, new byte[8 + 3]));
        temp.Write("train-labels-idx1-ubyte", TempFolder.IdxLabels([1, 2]));
        var error = Assert.Throws<InvalidDataException>(() => Mnist.Load(images));
        Assert.Contains(images, error.Message);
        Assert.Contains("goes on past offset 24", error.Message);
    }

    [Theory]
    [InlineData(0, 28, "0×28")]
    [InlineData(28, 0, "28×0")]
    public void An_images_header_with_an_empty_image_size_is_not_an_images_file(int rows, int cols, string shape)
    {
        using var temp = new TempFolder();
        var images = temp.Write("train-images-idx3-ubyte", TempFolder.IdxImages(3, rows, cols, []));
        temp.Write("train-labels-idx1-ubyte", TempFolder.IdxLabels([1, 2, 3]));
        var error = Assert.Throws<InvalidDataException>(() => Mnist.Load(images));
        Assert.Contains(images, error.Message);
        Assert.Contains($"images of {shape}", error.Message);
    }

    [Fact]
    public void One_image_of_65536_by_65536_pixels_is_refused_from_the_header()
    {
        using var temp = new TempFolder();
        // Gzipped, so that only reading it could tell that the 4 GB are not there.
        var images = temp.Write("train-images-idx3-ubyte.gz", TempFolder.IdxImages(1, 65536, 65536, []));
        temp.Write("train-labels-idx1-ubyte.gz", TempFolder.IdxLabels([1]));
        var error = Assert.Throws<DataLimitException>(() => Mnist.Load(images));
        Assert.Contains(images, error.Message);
        Assert.Contains("1 images of 65536×65536", error.Message);
    }

    [Fact]
    public void A_cifar10_file_of_100000_records_is_refused_by_its_length_and_its_first_records_load()
    {
        using var temp = new TempFolder();
        var path = temp.Write("data_batch_1.bin", TempFolder.CifarRecords([1], (i, j) => 9));
        using (var file = new FileStream(path, FileMode.Open)) file.SetLength(100_000L * Cifar10.RecordSize); // sparse: labels 0 after the first

        DataLimitException? error = null;
        long allocated = Allocated(() => error = Assert.Throws<DataLimitException>(() => Cifar10.LoadFile(path)));

        Assert.True(allocated < 4 << 20, $"refusing the file allocated {allocated:N0} bytes");
        Assert.Contains(path, error!.Message);
        Assert.Contains("100,000 records of 3,072 pixels", error.Message);
        Assert.Contains($"at most {DataLimits.MaxValues / 3072:N0} records", error.Message);
        Assert.Contains(path, Assert.Throws<DataLimitException>(() => Cifar10.LoadFolder(temp.Path)).Message);
        var first = Cifar10.LoadFile(path, maxRecords: 2);
        Assert.Equal([1, 0], first.Labels);
    }

    [Fact]
    public void A_batches_meta_file_of_100_kb_is_not_read_as_ten_class_names()
    {
        using var temp = new TempFolder();
        temp.Write("data_batch_1.bin", TempFolder.CifarRecords([1], (i, j) => 0));
        var meta = temp.WriteText(Cifar10.MetaFileName, string.Concat(Enumerable.Repeat("airplane\n", 100 * 1024 / 9 + 1)));
        var error = Assert.Throws<InvalidDataException>(() => Cifar10.LoadFolder(temp.Path));
        Assert.Contains(meta, error.Message);
        Assert.Contains("the 10 CIFAR-10 class names", error.Message);
        Assert.Contains("102,4", error.Message); // its size in bytes, over 100 KB
    }
}
