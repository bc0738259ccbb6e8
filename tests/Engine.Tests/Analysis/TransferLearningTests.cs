using NotebookDL.Analysis;
using NotebookDL.Data;
using NotebookDL.Data.Preprocessing;
using NotebookDL.Layers;
using NotebookDL.Tensors;
using NotebookDL.Training;

namespace NotebookDL.Tests.Analysis;

public sealed class TransferLearningTests
{
    private static readonly DatasetSplits DigitSplits = Pipeline.Parse("mean,std").FitTransform(Split.Random(Digits.Load(), val: 300, seed: 0));

    private static Network SmallNet(int seed = 0) => Mlp.Create(new MlpOptions { InputSize = 64, Classes = 10, Hidden = [20], Init = NotebookDL.Init.Initializer.He, Seed = seed });

    private static readonly TrainOptions Quick = new() { Optimizer = "adam", LearningRate = 1e-2, Epochs = 2, BatchSize = 100 };

    [Fact]
    public void The_trainer_leaves_frozen_parameters_alone_and_updates_the_others()
    {
        var net = SmallNet();
        var first = (Dense)net.Layers[0];
        var last = (Dense)net.Layers[^1];
        foreach (var p in first.Parameters) p.Frozen = true;
        var before = first.W.Value.Clone();
        var lastBefore = last.W.Value.Clone();
        new Trainer().Train(net, DigitSplits.Train, null, Quick);
        Assert.Equal(before, first.W.Value);
        Assert.NotEqual(lastBefore, last.W.Value);
    }

    [Fact]
    public void A_network_whose_every_parameter_is_frozen_is_refused()
    {
        var net = SmallNet();
        foreach (var p in net.Parameters) p.Frozen = true;
        var e = Assert.Throws<ArgumentException>(() => new Trainer().Train(net, DigitSplits.Train, null, Quick));
        Assert.Contains("frozen", e.Message);
    }
}
