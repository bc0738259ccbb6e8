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

    [Fact]
    public void Reuse_copies_the_hidden_layers_frozen_and_draws_a_new_output_layer_for_task_b()
    {
        var pretrained = SmallNet();
        new Trainer().Train(pretrained, DigitSplits.Train, null, Quick);
        var reused = TransferLearning.Reuse(pretrained, outputs: 2);
        Assert.Equal(2, reused.OutputSize);
        Assert.Equal(pretrained.Layers.Count, reused.Layers.Count);
        var x = DigitSplits.Val!.X;
        Assert.Equal(Hidden(pretrained, x), Hidden(reused, x));
        Assert.All(reused.Layers[0].Parameters, p => Assert.True(p.Frozen));
        Assert.All(reused.Layers[^1].Parameters, p => Assert.False(p.Frozen));
        Assert.Equal(20 * 2 + 2, TransferLearning.TrainableParameters(reused));

        // Training B changes the new layer only, and never the pretrained network.
        var before = pretrained.Snapshot();
        var yesNo = new Dataset("b", DigitSplits.Train.X, DigitSplits.Train.Labels.Select(c => c % 2).ToArray(), ["even", "odd"]);
        new Trainer().Train(reused, yesNo, null, Quick);
        Assert.Equal(Hidden(pretrained, x), Hidden(reused, x));
        Assert.Equal(before.Parameters[^1][0], pretrained.Layers[^1].Parameters[0].Value);

        var fineTuned = TransferLearning.Reuse(pretrained, 2, freeze: false);
        Assert.Equal(fineTuned.ParameterCount, TransferLearning.TrainableParameters(fineTuned));
        var both = TransferLearning.Reuse(Mlp.Create(new MlpOptions { InputSize = 64, Classes = 10, Hidden = [20, 10] }), 3, replace: 2);
        Assert.Equal(20 * 10 + 10 + 10 * 3 + 3, TransferLearning.TrainableParameters(both));
        Assert.Contains("1..2", Assert.Throws<ArgumentOutOfRangeException>(() => TransferLearning.Reuse(pretrained, 2, replace: 3)).Message);
    }

    [Fact]
    public void Yes_no_tasks_keep_task_b_examples_out_of_task_a()
    {
        var (a, b) = TransferLearning.YesNoTasks(DigitSplits, [0, 6, 8, 9], examplesB: 30, seed: 0);
        Assert.Equal(DigitSplits.Train.Count - 30, a.Train.Count);
        Assert.Equal(30, b.Train.Count);
        Assert.Equal(["no", "yes"], b.Train.ClassNames);
        Assert.Equal(DigitSplits.Val!.Labels.Select(c => c is 0 or 6 or 8 or 9 ? 1 : 0), b.Val!.Labels);
        var rowsA = Enumerable.Range(0, a.Train.Count).Select(i => string.Join(",", a.Train.X.Row(i))).ToHashSet();
        Assert.All(Enumerable.Range(0, 30), i => Assert.DoesNotContain(string.Join(",", b.Train.X.Row(i)), rowsA));
        Assert.Throws<ArgumentException>(() => TransferLearning.YesNoTasks(DigitSplits, Enumerable.Range(0, 10).ToArray(), 30));
        Assert.Throws<ArgumentOutOfRangeException>(() => TransferLearning.YesNoTasks(DigitSplits, [1], 1));
    }

    [Fact]
    public void New_class_tasks_renumber_their_classes()
    {
        var (a, b) = TransferLearning.Tasks(DigitSplits, [0, 1, 2, 3, 4], [5, 6, 7, 8, 9], examplesPerClassB: 5);
        Assert.Equal(["5", "6", "7", "8", "9"], b.Train.ClassNames);
        Assert.Equal(25, b.Train.Count);
        Assert.All(b.Train.Labels, l => Assert.InRange(l, 0, 4));
        Assert.All(a.Val!.Labels, l => Assert.InRange(l, 0, 4));
        Assert.Contains("both tasks", Assert.Throws<ArgumentException>(() => TransferLearning.Tasks(DigitSplits, [0, 1], [1, 2], 5)).Message);
    }

    [Fact]
    public void With_30_examples_of_a_yes_no_question_the_transferred_network_beats_one_trained_from_scratch()
    {
        var (a, b) = TransferLearning.YesNoTasks(DigitSplits, [0, 6, 8, 9], examplesB: 30, seed: 0);
        var options = new TransferOptions
        {
            Network = new ExperimentOptions { Hidden = [100], Training = new TrainOptions { Optimizer = "adam", LearningRate = 1e-2, Epochs = 20, BatchSize = 100 } },
            EpochsB = 100,
        };
        var result = new TransferExperiment().Run(a, b, options);
        Assert.Null(result.StopMessage);
        Assert.True(result.Pretrained.ValAccuracy > 0.9, result.ToString());
        Assert.True(result.Gain > 0.03, result.ToString());
        Assert.Equal(100 * 2 + 2, result.Transferred.TrainableParameters);
        Assert.Equal(100, result.Transferred.History.Iterations); // 30 examples in one batch, 100 epochs
        Assert.Contains("carry over", result.Verdict);
    }

    private static MathNet.Numerics.LinearAlgebra.Matrix<double> Hidden(Network net, MathNet.Numerics.LinearAlgebra.Matrix<double> x) =>
        net.Layers[1].Forward(net.Layers[0].Forward(x, Mode.Test), Mode.Test);
}
