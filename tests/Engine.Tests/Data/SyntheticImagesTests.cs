using NotebookDL.Data;
using NotebookDL.Data.Preprocessing;
using NotebookDL.Init;
using NotebookDL.Tensors;
using NotebookDL.Training;
using Xunit.Abstractions;

namespace NotebookDL.Tests.Data;

public class SyntheticImagesTests(ITestOutputHelper output)
{
    [Fact]
    public void Twenty_synthetic_images_are_cifar_shaped_whole_pixels_0_to_255_two_of_each_of_10_classes()
    {
        var twenty = SyntheticImages.Create(20);
        Assert.Equal("(20, 3072)", twenty.X.Shape());
        Assert.Equal(new ImageShape(3, 32, 32), twenty.Image);
        Assert.Equal(10, twenty.Classes);
        Assert.Equal(Enumerable.Repeat(2, 10).ToArray(), Cifar10Tests.ClassCounts(twenty.Labels, 10));
        Assert.Equal("synthetic (3×32×32)", twenty.Name);
        var pixels = twenty.X.Data();
        Assert.All(pixels, p => Assert.True(p >= 0 && p <= 255 && p == Math.Floor(p), $"pixel {p}"));
        // Uniform on 0..255: mean 127.5, and both ends are drawn among 61,440 pixels.
        Assert.Equal(127.5, pixels.Average(), 1.5);
        Assert.Equal((0.0, 255.0), (pixels.Min(), pixels.Max()));
    }

    [Fact]
    public void The_same_seed_gives_the_same_images_and_another_seed_different_ones()
    {
        var a = SyntheticImages.Create(5, seed: 7);
        Assert.Equal(a.X.Data(), SyntheticImages.Create(5, seed: 7).X.Data());
        Assert.NotEqual(a.X.Data(), SyntheticImages.Create(5, seed: 8).X.Data());
    }

    [Fact]
    public void Another_shape_and_class_count_are_kept()
    {
        var grey = SyntheticImages.Create(7, new ImageShape(1, 8, 8), classes: 3, seed: 1);
        Assert.Equal("(7, 64)", grey.X.Shape());
        Assert.Equal([0, 1, 2, 0, 1, 2, 0], grey.Labels);
        Assert.Equal(["0", "1", "2"], grey.ClassNames);
    }

    [Theory]
    [InlineData(0, 10, "count must be >= 1, got 0")]
    [InlineData(5, 1, "classes must be >= 2, got 1")]
    public void Bad_sizes_are_refused_naming_the_value(int count, int classes, string message)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => SyntheticImages.Create(count, classes: classes));
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void A_3072_50_10_net_memorises_20_of_them_with_plain_sgd_as_the_lecture_overfits_20_cifar10_images()
    {
        // The lecture's check: mean image subtracted, small weights (1e-4), no regularisation, plain SGD,
        // one batch of 20 per epoch. The labels cannot be learnt from the pixels, only memorised.
        var twenty = SyntheticImages.Create(20);
        var data = twenty.WithX(new MeanSubtraction().FitTransform(twenty.X));
        var net = Mlp.Create(new MlpOptions { InputSize = 3072, Classes = 10, Hidden = [50], Init = Initializer.Gaussian(1e-4), Seed = 0 });
        var history = new Trainer().Train(net, data, null,
            new TrainOptions { Optimizer = "sgd", LearningRate = 1e-3, BatchSize = 20, Epochs = 200 });
        output.WriteLine(string.Join("\n", history.ToString().Split('\n').Where((_, i) => i % 20 == 0)));
        Assert.Equal(StopReason.Completed, history.StopReason);
        Assert.Equal(Math.Log(10), history.InitialCost, 0.01);
        Assert.Equal(1.0, history.Epochs[^1].TrainAccuracy);
        Assert.True(history.Costs[^1] < 0.05, $"final cost {history.Costs[^1]}");
    }
}
