using NotebookDL.Data;
using NotebookDL.Tensors;

namespace NotebookDL.Tests.Data;

public class DigitsTests
{
    [Fact]
    public void The_built_in_digits_are_1797_images_of_8x8_pixels_0_to_16_in_10_classes()
    {
        var digits = Digits.Load();
        Assert.Equal("(1797, 64)", digits.X.Shape());
        Assert.Equal(new ImageShape(1, 8, 8), digits.Image);
        Assert.Equal(Enumerable.Range(0, 10).Select(i => i.ToString()), digits.ClassNames);
        Assert.Equal(0, digits.X.Data().Min());
        Assert.Equal(16, digits.X.Data().Max());
        // scikit-learn's load_digits: about 180 of each digit.
        Assert.Equal([178, 182, 177, 183, 181, 182, 181, 179, 174, 180], Cifar10Tests.ClassCounts(digits.Labels, 10));
    }

    [Fact]
    public void The_first_row_is_the_first_line_of_the_csv_a_zero()
    {
        var digits = Digits.Load();
        Assert.Equal(0, digits.Labels[0]);
        Assert.Equal([0.0, 0, 5, 13, 9, 1, 0, 0, 0, 0, 13, 15, 10, 15, 5, 0], Enumerable.Range(0, 16).Select(j => digits.X[0, j]));
    }

    [Fact]
    public void The_default_split_is_1497_train_and_300_val_and_prepared_is_it_standardised_on_train()
    {
        var split = Digits.DefaultSplit();
        Assert.Equal(1497, split.Train.Count);
        Assert.Equal(300, split.Val!.Count);
        var prepared = Digits.Prepared();
        Assert.Equal(split.Train.Labels, prepared.Train.Labels);
        Assert.Equal(split.Val.Labels, prepared.Val!.Labels);
        Assert.Equal(0, prepared.Train.X.ColumnSums().AbsoluteMaximum() / prepared.Train.Count, 9);
        Assert.Equal(split.Train.X[5, 20], Digits.DefaultSplit().Train.X[5, 20]); // seed 0: the same split every time
    }

    [Fact]
    public void Each_call_returns_a_copy_so_a_caller_cannot_corrupt_the_next()
    {
        var first = Digits.Load();
        first.X[0, 2] = -1;
        first.Labels[0] = 9;
        var second = Digits.Load();
        Assert.Equal(5, second.X[0, 2]);
        Assert.Equal(0, second.Labels[0]);
    }

    [SkippableFact]
    public void The_embedded_digits_equal_the_shared_copy()
    {
        var shared = Path.Combine(SharedData.Require("sklearn"), "digits.csv.gz");
        using var stream = new System.IO.Compression.GZipStream(File.OpenRead(shared), System.IO.Compression.CompressionMode.Decompress);
        using var reader = new StreamReader(stream);
        var lines = reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var digits = Digits.Load();
        Assert.Equal(digits.Count, lines.Length);
        var last = lines[^1].Split(',').Select(double.Parse).ToArray();
        Assert.Equal(last[..64], Enumerable.Range(0, 64).Select(j => digits.X[1796, j]));
        Assert.Equal((int)last[64], digits.Labels[1796]);
    }
}
