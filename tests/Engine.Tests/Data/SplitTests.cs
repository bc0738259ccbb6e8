using NotebookDL.Data;
using NotebookDL.Tensors;

namespace NotebookDL.Tests.Data;

public class SplitTests
{
    private static Dataset Numbered(int n) =>
        new("numbered", Mat.OfRows(Enumerable.Range(0, n).Select(i => new double[] { i }).ToArray()), Enumerable.Range(0, n).Select(i => i % 3).ToArray());

    private static int[] Ids(Dataset? d) => d is null ? [] : Enumerable.Range(0, d.Count).Select(i => (int)d.X[i, 0]).ToArray();

    [Fact]
    public void A_split_by_counts_has_the_asked_sizes_disjoint_parts_and_the_rest_unused()
    {
        var splits = Split.Random(Numbered(100), train: 60, val: 15, test: 10, trainDev: 5, seed: 1);
        Assert.Equal([60, 15, 10, 5], new[] { splits.Train.Count, splits.Val!.Count, splits.Test!.Count, splits.TrainDev!.Count });
        var all = Ids(splits.Train).Concat(Ids(splits.Val)).Concat(Ids(splits.Test)).Concat(Ids(splits.TrainDev)).ToArray();
        Assert.Equal(90, all.Distinct().Count());
        Assert.Equal("numbered (val)", splits.Val.Name);
        Assert.Equal(Ids(splits.Val).Select(i => i % 3), splits.Val.Labels); // targets travel with their rows
        Assert.Equal("train 60, train-dev 5, val 15, test 10", splits.ToString());
    }

    [Fact]
    public void Without_a_train_count_train_takes_every_example_the_other_parts_leave()
    {
        var splits = Split.Random(Numbered(50), val: 10, seed: 2);
        Assert.Equal(40, splits.Train.Count);
        Assert.Null(splits.Test);
        Assert.Null(splits.TrainDev);
        Assert.Equal(Enumerable.Range(0, 50), Ids(splits.Train).Concat(Ids(splits.Val)).Order());
    }

    [Fact]
    public void The_same_seed_gives_the_same_split_and_another_seed_a_different_one()
    {
        var data = Numbered(200);
        Assert.Equal(Ids(Split.Random(data, val: 50, seed: 3).Val), Ids(Split.Random(data, val: 50, seed: 3).Val));
        Assert.NotEqual(Ids(Split.Random(data, val: 50, seed: 3).Val), Ids(Split.Random(data, val: 50, seed: 4).Val));
    }

    [Fact]
    public void Fractions_adding_up_to_1_use_every_example()
    {
        var splits = Split.Random(Numbered(101), train: 0.8, val: 0.1, test: 0.1, seed: 5);
        Assert.Equal(101, splits.Train.Count + splits.Val!.Count + splits.Test!.Count);
        Assert.Equal(10, splits.Val.Count);
        Assert.Equal(81, splits.Train.Count);
        Assert.Equal(Ids(Split.Random(Numbered(101), train: 81, val: 10, test: 10, seed: 5).Test), Ids(splits.Test));
    }

    [Fact]
    public void Counts_beyond_the_data_or_bad_fractions_are_clear_errors()
    {
        var data = Numbered(100);
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Split.Random(data, train: 80, val: 20, test: 10));
        Assert.Contains("= 110 examples", error.Message);
        Assert.Contains("has 100", error.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => Split.Random(data, val: 100));
        Assert.Throws<ArgumentOutOfRangeException>(() => Split.Random(data, val: -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Split.Random(data, train: 0.7, val: 0.4));
        Assert.Contains("fraction", Assert.Throws<ArgumentOutOfRangeException>(() => Split.Random(data, train: 80, val: 0.2)).Message);
    }
}
