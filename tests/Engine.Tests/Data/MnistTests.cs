using NotebookDL.Data;
using NotebookDL.Tensors;

namespace NotebookDL.Tests.Data;

public class MnistTests
{
    private static string Images => Path.Combine(SharedData.Require("mnist"), "train10k-images-idx3-ubyte.gz");

    [SkippableFact]
    public void Ten_thousand_training_digits_have_class_counts_1001_1127_991_1032_980_863_1014_1070_944_978()
    {
        var mnist = Mnist.Load(Images);
        Assert.Equal(10_000, mnist.Count);
        Assert.Equal([1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978], Cifar10Tests.ClassCounts(mnist.Labels, 10));
    }

    [SkippableFact]
    public void Digits_are_1x28x28_with_unscaled_pixels_0_to_255()
    {
        var mnist = Mnist.Load(Images, maxRecords: 500);
        Assert.Equal(new ImageShape(1, 28, 28), mnist.Image);
        Assert.Equal(784, mnist.Features);
        Assert.Equal(0, mnist.X.Data().Min());
        Assert.Equal(255, mnist.X.Data().Max());
        Assert.Equal(Enumerable.Range(0, 10).Select(i => i.ToString()), mnist.ClassNames);
        // The first training digit of MNIST is a 5.
        Assert.Equal(5, mnist.Labels[0]);
    }

    [SkippableFact]
    public void A_folder_loads_its_training_files_and_describes_them()
    {
        var dir = SharedData.Require("mnist");
        Assert.Equal(10_000, Mnist.Load(dir, maxRecords: 10_000).Count);
        var folder = Mnist.LoadFolder(dir, maxTrainRecords: 100);
        Assert.Equal(100, folder.Train!.Count);
        Assert.Null(folder.Test);
        Assert.Contains("train 100 images (train10k-images-idx3-ubyte.gz: 100)", folder.Description);
    }

    private static byte[] Pixels(int count) => Enumerable.Range(0, count * 4).Select(k => (byte)(k * 7 % 256)).ToArray();

    [Fact]
    public void Official_names_plain_and_gz_load_as_train_and_test_with_pixels_in_row_major_order()
    {
        using var temp = new TempFolder();
        temp.Write("train-images-idx3-ubyte", TempFolder.IdxImages(3, 2, 2, Pixels(3)));
        temp.Write("train-labels-idx1-ubyte", TempFolder.IdxLabels([4, 0, 9]));
        temp.Write("t10k-images-idx3-ubyte.gz", TempFolder.IdxImages(1, 2, 2, [1, 2, 3, 4]));
        temp.Write("t10k-labels-idx1-ubyte.gz", TempFolder.IdxLabels([7]));

        var folder = Mnist.LoadFolder(temp.Path);

        Assert.Equal([4, 0, 9], folder.Train!.Labels);
        Assert.Equal(new ImageShape(1, 2, 2), folder.Train.Image);
        Assert.Equal([28.0, 35, 42, 49], Enumerable.Range(0, 4).Select(j => folder.Train.X[1, j])); // bytes 4..7 of the pixels, k * 7
        Assert.Equal([7], folder.Test!.Labels);
        Assert.Equal([1.0, 2, 3, 4], Enumerable.Range(0, 4).Select(j => folder.Test.X[0, j]));
        Assert.Equal([4, 0, 9], Mnist.Load(temp.Path).Labels); // a folder means its training images
    }

    [Theory]
    [InlineData("train-images-idx3-ubyte")]
    [InlineData("train-images-idx3-ubyte.gz")]
    public void A_header_count_beyond_the_data_is_corrupt_and_the_error_names_file_and_offset(string name)
    {
        using var temp = new TempFolder();
        // The header promises 5 images of 2x2 but only 2 follow: the data ends at offset 16 + 8 = 24.
        var images = temp.Write(name, TempFolder.IdxImages(5, 2, 2, Pixels(2)));
        temp.Write("train-labels-idx1-ubyte", TempFolder.IdxLabels([1, 2, 3, 4, 5]));

        var error = Assert.Throws<InvalidDataException>(() => Mnist.Load(images));

        Assert.Contains(images, error.Message);
        Assert.Contains("offset 24", error.Message);
        Assert.Contains("5 images of 2×2", error.Message);
    }

    [Fact]
    public void A_wrong_magic_number_is_an_error_naming_the_file_and_offset_0()
    {
        using var temp = new TempFolder();
        var images = temp.Write("train-images-idx3-ubyte.gz", TempFolder.IdxImages(1, 2, 2, Pixels(1), magic: 2049));
        temp.Write("train-labels-idx1-ubyte.gz", TempFolder.IdxLabels([1]));

        var error = Assert.Throws<InvalidDataException>(() => Mnist.Load(images));

        Assert.Contains(images, error.Message);
        Assert.Contains("magic number 2049", error.Message);
        Assert.Contains("offset 0", error.Message);
        Assert.Contains("2051", error.Message);
    }

    [Fact]
    public void A_truncated_gzip_stream_is_an_error_naming_the_file()
    {
        using var temp = new TempFolder();
        var full = temp.Write("x-images-idx3-ubyte.gz", TempFolder.IdxImages(50, 28, 28, new byte[50 * 784]));
        var bytes = File.ReadAllBytes(full);
        File.WriteAllBytes(full, bytes.AsSpan(0, bytes.Length / 2).ToArray());
        temp.Write("x-labels-idx1-ubyte.gz", TempFolder.IdxLabels(new byte[50]));

        var error = Assert.Throws<InvalidDataException>(() => Mnist.Load(full));

        Assert.Contains(full, error.Message);
        Assert.Contains("offset", error.Message);
    }

    [Fact]
    public void Images_and_labels_with_different_counts_are_an_error_naming_both_files()
    {
        using var temp = new TempFolder();
        var images = temp.Write("train-images-idx3-ubyte", TempFolder.IdxImages(3, 2, 2, Pixels(3)));
        var labels = temp.Write("train-labels-idx1-ubyte", TempFolder.IdxLabels([1, 2]));

        var error = Assert.Throws<InvalidDataException>(() => Mnist.Load(images));

        Assert.Contains(images, error.Message);
        Assert.Contains(labels, error.Message);
        Assert.Contains("3 images", error.Message);
        Assert.Contains("2 labels", error.Message);
    }

    [Fact]
    public void A_missing_labels_file_or_folder_is_a_clear_error()
    {
        using var temp = new TempFolder();
        var images = temp.Write("train-images-idx3-ubyte", TempFolder.IdxImages(1, 2, 2, Pixels(1)));
        Assert.Contains("train-labels-idx1-ubyte", Assert.Throws<FileNotFoundException>(() => Mnist.Load(images)).Message);
        Assert.Throws<FileNotFoundException>(() => Mnist.Load(temp.File("nothing-images-idx3-ubyte")));
        Assert.Throws<DirectoryNotFoundException>(() => Mnist.LoadFolder(temp.File("nowhere")));
    }

    [Fact]
    public void A_label_above_9_is_corrupt()
    {
        using var temp = new TempFolder();
        var images = temp.Write("train-images-idx3-ubyte", TempFolder.IdxImages(2, 2, 2, Pixels(2)));
        temp.Write("train-labels-idx1-ubyte", TempFolder.IdxLabels([3, 12]));
        var error = Assert.Throws<InvalidDataException>(() => Mnist.Load(images));
        Assert.Contains("label 12 at offset 9", error.Message);
    }
}
