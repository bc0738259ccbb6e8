using NotebookDL.Data;
using NotebookDL.Tensors;

namespace NotebookDL.Tests.Data;

/// <summary>One collection with the other tests that load all of CIFAR-10 (245 MB each), so they do not run at once.</summary>
[Collection("real CIFAR-10")]
public class Cifar10Tests
{
    private static string Batch1 => Path.Combine(SharedData.Require("cifar10"), "data_batch_1.bin");

    internal static int[] ClassCounts(int[] labels, int classes)
    {
        var counts = new int[classes];
        foreach (var y in labels) counts[y]++;
        return counts;
    }

    [SkippableFact]
    public void First_ten_training_labels_are_6_9_9_4_1_1_2_7_8_3()
    {
        var train = Cifar10.LoadFile(Batch1, maxRecords: 10);
        Assert.Equal([6, 9, 9, 4, 1, 1, 2, 7, 8, 3], train.Labels);
        Assert.Equal(10, train.Count);
    }

    [SkippableFact]
    public void First_ten_test_labels_are_3_8_8_0_6_6_1_6_3_1()
    {
        var test = Cifar10.LoadFile(Path.Combine(SharedData.Require("cifar10"), "test_batch_first1000.bin"));
        Assert.Equal(1000, test.Count);
        Assert.Equal([3, 8, 8, 0, 6, 6, 1, 6, 3, 1], test.Labels.Take(10));
    }

    [SkippableFact]
    public void Data_batch_1_class_counts_are_1005_974_1032_1016_999_937_1030_1001_1025_981()
    {
        var train = Cifar10.LoadFile(Batch1);
        Assert.Equal([1005, 974, 1032, 1016, 999, 937, 1030, 1001, 1025, 981], ClassCounts(train.Labels, 10));
    }

    [SkippableFact]
    public void First_image_is_a_frog_whose_red_bytes_start_59_43_50_68_98()
    {
        var train = Cifar10.LoadFile(Batch1, maxRecords: 3);
        Assert.Equal("frog", train.ClassNames[train.Labels[0]]);
        Assert.Equal(new ImageShape(3, 32, 32), train.Image);
        Assert.Equal(3072, train.Features);
        Assert.Equal([59.0, 43, 50, 68, 98], Enumerable.Range(0, 5).Select(j => train.X[0, j]));
        // The G channel starts at column 1024, the B channel at 2048: same bytes as the file's record.
        var record = File.ReadAllBytes(Batch1).AsSpan(0, 3073).ToArray();
        Assert.Equal(record[1 + 1024], train.X[0, 1024]);
        Assert.Equal(record[1 + 2048 + 33], train.X[0, 2048 + 33]);
    }

    [SkippableFact]
    public void Pixels_are_unscaled_0_to_255_and_class_names_come_from_batches_meta()
    {
        var train = Cifar10.LoadFile(Batch1, maxRecords: 1000);
        var data = train.X.Data();
        Assert.Equal(0, data.Min());
        Assert.Equal(255, data.Max());
        Assert.Equal(["airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"], train.ClassNames);
    }

    [SkippableFact]
    public void LoadFolder_finds_10000_train_and_1000_test_images_and_says_so()
    {
        var folder = Cifar10.LoadFolder(SharedData.Require("cifar10"));
        Assert.Equal(10_000, folder.RequireTrain().Count);
        Assert.Equal(1_000, folder.RequireTest().Count);
        Assert.Equal([6, 9, 9, 4, 1], folder.Train!.Labels.Take(5));
        Assert.Equal([3, 8, 8, 0, 6], folder.Test!.Labels.Take(5));
        Assert.Contains("train 10,000 images (data_batch_1.bin: 10,000)", folder.Description);
        Assert.Contains("test 1,000 images (test_batch_first1000.bin: 1,000)", folder.Description);
        Assert.Equal(2, folder.Files.Count);
    }

    [Fact]
    public void A_folder_concatenates_training_batches_in_name_order()
    {
        using var temp = new TempFolder();
        temp.Write("data_batch_2.bin", TempFolder.CifarRecords([2, 2, 2], (i, j) => (byte)(20 + i)));
        temp.Write("data_batch_1.bin", TempFolder.CifarRecords([1, 1], (i, j) => (byte)(10 + i)));
        temp.Write("test_batch.bin", TempFolder.CifarRecords([7], (i, j) => (byte)(j % 256)));

        var folder = Cifar10.LoadFolder(temp.Path);

        Assert.Equal([1, 1, 2, 2, 2], folder.Train!.Labels);
        Assert.Equal([10.0, 11, 20, 21, 22], Enumerable.Range(0, 5).Select(i => folder.Train.X[i, 3071]));
        Assert.Equal(255, folder.Test!.X[0, 255]);
        Assert.Equal(Cifar10.DefaultClassNames, folder.Train.ClassNames);
        Assert.Contains("train 5 images (data_batch_1.bin: 2, data_batch_2.bin: 3)", folder.Description);
        Assert.Contains("test 1 images (test_batch.bin: 1)", folder.Description);
    }

    [Fact]
    public void A_folder_with_only_test_batches_has_no_training_set_and_says_so()
    {
        using var temp = new TempFolder();
        temp.Write("test_batch.bin", TempFolder.CifarRecords([4, 5], (i, j) => 0));
        var folder = Cifar10.LoadFolder(temp.Path, maxTestRecords: 1);
        Assert.Null(folder.Train);
        Assert.Equal([4], folder.Test!.Labels);
        Assert.Contains("no train batches", folder.Description);
        Assert.Throws<InvalidOperationException>(() => folder.RequireTrain());
    }

    [Fact]
    public void A_file_of_two_records_and_5_bytes_is_corrupt_and_the_error_names_the_file_and_3073()
    {
        using var temp = new TempFolder();
        var path = temp.Write("data_batch_1.bin", new byte[3073 * 2 + 5]);
        var error = Assert.Throws<InvalidDataException>(() => Cifar10.LoadFile(path));
        Assert.Contains(path, error.Message);
        Assert.Contains("3073", error.Message);
        Assert.Contains("6,146", error.Message); // the offset of the incomplete record
        Assert.Throws<InvalidDataException>(() => Cifar10.LoadFolder(temp.Path));
    }

    [Fact]
    public void A_label_byte_of_10_is_corrupt_and_the_error_gives_its_record_and_offset()
    {
        using var temp = new TempFolder();
        var path = temp.Write("data_batch_1.bin", TempFolder.CifarRecords([3, 10], (i, j) => 0));
        var error = Assert.Throws<InvalidDataException>(() => Cifar10.LoadFile(path));
        Assert.Contains(path, error.Message);
        Assert.Contains("label 10", error.Message);
        Assert.Contains("record 1 (byte offset 3,073)", error.Message);
    }

    [Fact]
    public void A_missing_file_or_folder_or_a_folder_without_batches_is_a_clear_error()
    {
        using var temp = new TempFolder();
        var missingFile = temp.File("data_batch_9.bin");
        Assert.Contains(missingFile, Assert.Throws<FileNotFoundException>(() => Cifar10.LoadFile(missingFile)).Message);

        var missingFolder = temp.File("nowhere");
        Assert.Contains(missingFolder, Assert.Throws<DirectoryNotFoundException>(() => Cifar10.LoadFolder(missingFolder)).Message);

        temp.WriteText("readme.txt", "no batches here");
        var error = Assert.Throws<FileNotFoundException>(() => Cifar10.LoadFolder(temp.Path));
        Assert.Contains("data_batch_*.bin", error.Message);
    }

    [Fact]
    public void A_negative_record_limit_is_rejected()
    {
        using var temp = new TempFolder();
        var path = temp.Write("data_batch_1.bin", TempFolder.CifarRecords([1], (i, j) => 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Cifar10.LoadFile(path, maxRecords: -1));
    }
}
