using NotebookDL.Data;
using NotebookDL.Tensors;

namespace NotebookDL.Tests.Data;

/// <summary>The course's split rules: each data set's defaults, train / val from the pool, test from the test file, and sizes the data cannot give.</summary>
public class PoolSplitTests
{
    private static readonly Dataset Digits = NotebookDL.Data.Digits.Load();

    private static Dataset Rows(int n, string name) => new(name, Mat.Gaussian(n, 3, new Rng(n)), Enumerable.Range(0, n).Select(i => i % 2).ToArray());

    [Fact]
    public void Each_data_set_has_the_defaults_the_course_uses()
    {
        Assert.Equal(300, DatasetDefaults.For("digits").ValOf(1797));
        Assert.Equal("mean,std", DatasetDefaults.For("digits").Preprocessing);
        Assert.Equal(60, DatasetDefaults.For("spiral").ValOf(300)); // 20%
        Assert.Equal(3, DatasetDefaults.For("spiral").ValOf(13)); // 2.6 rounds to 3
        Assert.Equal("none", DatasetDefaults.For("spiral").Preprocessing);
        Assert.Equal(30, DatasetDefaults.For("csv").ValOf(150));
        Assert.Equal(1000, DatasetDefaults.For("cifar10").ValOf(10_000));
        Assert.Equal("mean", DatasetDefaults.For("mnist").Preprocessing);
        Assert.Equal(20, DatasetDefaults.For("synthetic").Train);
        Assert.Equal(0, DatasetDefaults.For("synthetic").ValOf(20));
        Assert.Null(DatasetDefaults.For("digits").Train);
        Assert.Throws<ArgumentException>(() => DatasetDefaults.For("imagenet"));
    }

    [Fact]
    public void The_digits_split_into_1497_train_and_300_val_the_same_as_a_seeded_random_split()
    {
        var parts = PoolSplit.Split(Digits, null, null, 300, null, seed: 0);
        var reference = Split.Random(Digits, val: 300, seed: 0);
        Assert.Equal(1497, parts.Train.Count);
        Assert.Equal(300, parts.Val!.Count);
        Assert.Null(parts.Test);
        Assert.Equal(reference.Val!.X, parts.Val.X);
        Assert.Equal("digits (val)", parts.Val.Name);
    }

    [Fact]
    public void A_separate_test_file_is_the_test_part_and_the_loader_s_train_suffix_is_dropped_from_the_names()
    {
        var pool = Rows(50, "CIFAR-10 (train)");
        var file = Rows(8, "CIFAR-10 (test)");
        var parts = PoolSplit.Split(pool, file, 30, 10, null, seed: 1);
        Assert.Equal("CIFAR-10 (train)", parts.Train.Name);
        Assert.Equal("CIFAR-10 (val)", parts.Val!.Name);
        Assert.Same(file, parts.Test);
        Assert.Equal(30, parts.Train.Count);

        // Without a test file the test part comes from the pool.
        var fromPool = PoolSplit.Split(Rows(50, "csv"), null, null, 10, 5, seed: 1);
        Assert.Equal((35, 10, 5), (fromPool.Train.Count, fromPool.Val!.Count, fromPool.Test!.Count));
    }

    [Fact]
    public void More_examples_than_the_data_set_has_are_refused_with_the_counts()
    {
        var s = PoolSplit.Shortfall(Digits, null, 5000, 300, null)!;
        Assert.Equal(SplitShortfallKind.MoreThanThePool, s.Kind);
        Assert.Equal(5300, s.Asked);
        Assert.Equal(1797, s.Available);
        Assert.Equal("train 5,000 + val 300 + test 0 = 5,300 examples, but digits has 1,797", s.ToString());
        var e = Assert.Throws<ArgumentException>(() => PoolSplit.Split(Digits, null, 5000, 300, null, 0));
        Assert.Equal(s.ToString(), e.Message);
        Assert.Null(PoolSplit.Shortfall(Digits, null, 1497, 300, null));
    }

    [Fact]
    public void Val_and_test_that_take_every_example_leave_none_for_training_and_are_refused()
    {
        var s = PoolSplit.Shortfall(Digits, null, null, 1797, null)!;
        Assert.Equal(SplitShortfallKind.NoneLeftForTraining, s.Kind);
        Assert.Equal(1797, s.Asked);
        Assert.Null(PoolSplit.Shortfall(Digits, null, null, 1796, null));
    }

    [Fact]
    public void A_test_part_larger_than_the_test_file_is_refused()
    {
        var s = PoolSplit.Shortfall(Rows(50, "CIFAR-10 (train)"), Rows(8, "CIFAR-10 (test)"), 10, 10, 9)!;
        Assert.Equal(SplitShortfallKind.MoreThanTheTestFile, s.Kind);
        Assert.Equal((9, 8), (s.Test, s.Available));
        Assert.Equal("CIFAR-10", s.PoolName);
        Assert.True(s.HasTestFile);
    }
}
