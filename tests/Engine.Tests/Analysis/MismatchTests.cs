using NotebookDL.Analysis;
using NotebookDL.Data;
using NotebookDL.Tensors;

namespace NotebookDL.Tests.Analysis;

public sealed class MismatchTests
{
    /// <summary>N examples whose first feature is their id, so the parts can be checked for overlap.</summary>
    private static Dataset Numbered(string name, int n, int offset) =>
        new(name, Mat.OfRows([.. Enumerable.Range(0, n).Select(i => new double[] { offset + i, 0 })]), Enumerable.Range(0, n).Select(i => i % 2).ToArray(), ["a", "b"]);

    private static int[] Ids(Dataset d) => Enumerable.Range(0, d.Count).Select(i => (int)d.X[i, 0]).ToArray();

    [Fact]
    public void The_lecture_split_puts_target_only_in_dev_and_test_and_carves_train_dev_from_the_training_mix()
    {
        // 2,000 "web" images (ids 0..1999) and 1,000 "mobile" ones (ids 10000..10999): dev 250, test 250, 500 mobile in train.
        var web = Numbered("web", 2000, 0);
        var mobile = Numbered("mobile", 1000, 10_000);
        var s = DistributionSplit.Of(web, mobile, dev: 250, test: 250, trainDev: 300, seed: 1);
        Assert.Equal(250, s.Val!.Count);
        Assert.Equal(250, s.Test!.Count);
        Assert.Equal(300, s.TrainDev!.Count);
        Assert.Equal(2000 + 500 - 300, s.Train.Count);
        Assert.All(Ids(s.Val).Concat(Ids(s.Test)), id => Assert.True(id >= 10_000));
        var all = Ids(s.Train).Concat(Ids(s.TrainDev)).Concat(Ids(s.Val)).Concat(Ids(s.Test)).ToArray();
        Assert.Equal(3000, all.Distinct().Count());
        Assert.Contains(Ids(s.TrainDev), id => id < 10_000);
        Assert.Contains(Ids(s.TrainDev), id => id >= 10_000); // train-dev comes from the mix: it has the training distribution
        Assert.Equal(Ids(s.Val), Ids(DistributionSplit.Of(web, mobile, 250, 250, 300, seed: 1).Val!));

        var few = DistributionSplit.Of(web, mobile, dev: 250, test: 250, trainDev: 0, targetInTrain: 100);
        Assert.Equal(2100, few.Train.Count);
        Assert.Null(few.TrainDev);
    }

    [Fact]
    public void Impossible_sizes_are_refused_with_the_counts()
    {
        var web = Numbered("web", 100, 0);
        var mobile = Numbered("mobile", 50, 1000);
        Assert.Contains("but 'mobile' has 50", Assert.Throws<ArgumentOutOfRangeException>(() => DistributionSplit.Of(web, mobile, dev: 40, test: 20)).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => DistributionSplit.Of(web, mobile, dev: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => DistributionSplit.Of(web, mobile, dev: 10, test: 10, targetInTrain: 31));
        Assert.Throws<ArgumentOutOfRangeException>(() => DistributionSplit.Of(web, mobile, dev: 10, trainDev: 140));
        var wide = new Dataset("wide", Mat.Zeros(10, 3), new int[10]);
        Assert.Throws<ArgumentException>(() => DistributionSplit.Of(web, wide, dev: 5));
    }

    [Fact]
    public void A_shift_moves_each_pixel_and_fills_with_the_background()
    {
        // One 1×3×3 image: 1..9 row by row.
        var image = new Dataset("img", Mat.OfRows([1, 2, 3, 4, 5, 6, 7, 8, 9]), new[] { 0 }, null, new ImageShape(1, 3, 3));
        var shifted = DomainShift.Shift(image, 1, 1);
        Assert.Equal(new double[] { 1, 1, 1, 1, 1, 2, 1, 4, 5 }, shifted.X.Row(0).ToArray());
        Assert.Throws<ArgumentOutOfRangeException>(() => DomainShift.Shift(image, 3, 0));
        Assert.Throws<ArgumentException>(() => DomainShift.Shift(new Dataset("flat", Mat.Zeros(1, 9), new[] { 0 }), 1, 0));
    }

    [Fact]
    public void A_blur_keeps_a_flat_image_flat_and_spreads_a_dot_symmetrically()
    {
        var flat = new Dataset("flat", Mat.Filled(1, 25, 7), new[] { 0 }, null, new ImageShape(1, 5, 5));
        Assert.All(DomainShift.Blur(flat, 1).X.Row(0).ToArray(), v => Assert.Equal(7, v, 12));
        var dot = Mat.Zeros(1, 81);
        dot[0, 40] = 1; // the centre of a 9×9 image, far enough from the border for the whole kernel (radius 2)
        var blurred = DomainShift.Blur(new Dataset("dot", dot, new[] { 0 }, null, new ImageShape(1, 9, 9)), 1).X.Row(0).ToArray();
        Assert.True(blurred[40] < 1 && blurred[40] > blurred[31]);
        Assert.Equal(blurred[31], blurred[39], 12); // up and left of the centre
        Assert.Equal(blurred[41], blurred[49], 12); // right and down
        Assert.Equal(Math.Exp(-0.5) * blurred[40], blurred[31], 12); // one pixel away: e^(-1/2σ²)
        Assert.Equal(1, blurred.Sum(), 12);
        Assert.Throws<ArgumentOutOfRangeException>(() => DomainShift.Blur(flat, 0));
    }

    [Fact]
    public void Sharp_digits_against_blurred_and_shifted_ones_show_data_mismatch()
    {
        var data = MismatchDemo.Create();
        Assert.Equal("train 1,097, train-dev 200, val 250, test 250", data.Splits.ToString());
        var result = new MismatchExperiment().Run(data.Splits, humanError: 0, new ExperimentOptions());
        var t = result.Table;
        Assert.Equal(ErrorGapKind.DataMismatch, t.Problem!.Kind);
        Assert.True(t.DataMismatch > 0.2, t.ToString());
        Assert.True(t.Variance < 0.1, t.ToString());
        Assert.True(t.TestError > 0.2, t.ToString()); // test comes from the shifted distribution too
    }

    [Fact]
    public void Without_the_shift_the_demonstration_shows_no_data_mismatch()
    {
        var data = MismatchDemo.Create(o: new MismatchOptions { Blur = 0, ShiftX = 0, ShiftY = 0 });
        var t = new MismatchExperiment().Run(data.Splits, humanError: 0, new ExperimentOptions()).Table;
        Assert.True(t.DataMismatch < 0.05, t.ToString());
        Assert.NotEqual(ErrorGapKind.DataMismatch, t.Problem?.Kind);
    }

    [SkippableFact]
    public void Cifar10_blurred_for_dev_and_test_is_further_from_train_dev_than_train_dev_from_train_mix()
    {
        var folder = SharedData.Require("cifar10");
        var images = Cifar10.LoadFile(Path.Combine(folder, "data_batch_1.bin"), maxRecords: 1600);
        var data = MismatchDemo.Create(images, new MismatchOptions { Dev = 300, Test = 0, TargetInTrain = 0, TrainDev = 300, Blur = 1.5, ShiftX = 3, ShiftY = 3, Preprocess = "mean" });
        Assert.Equal(1000, data.Splits.Train.Count);
        var result = new MismatchExperiment().Run(data.Splits, 0, new ExperimentOptions { Hidden = [30], Training = new() { Optimizer = "adam", LearningRate = 1e-3, Epochs = 3, BatchSize = 100 } });
        Assert.True(result.Table.DevError > result.Table.TrainDevError + 0.05, result.Table.ToString());
    }
}
