using NotebookDL.Analysis;
using NotebookDL.Data;
using NotebookDL.Data.Preprocessing;
using NotebookDL.Losses;
using NotebookDL.Tensors;
using NotebookDL.Training;

namespace NotebookDL.Tests.Analysis;

public sealed class MultiTaskTests
{
    private static readonly DatasetSplits DigitSplits = Pipeline.Parse("mean,std").FitTransform(Split.Random(Digits.Load(), val: 300, seed: 0));

    [Fact]
    public void Yes_no_labels_come_from_the_classes_and_a_share_of_them_becomes_unknown()
    {
        var labelled = MultiTaskLabels.FromClasses(DigitSplits.Train, MultiTaskLabels.DigitTasks);
        Assert.Equal(["even", "at least 5", "loop", "prime"], labelled.ClassNames);
        var y = labelled.Y.Labels!;
        var classes = DigitSplits.Train.Labels;
        for (int i = 0; i < 50; i++)
        {
            Assert.Equal(classes[i] % 2 == 0 ? 1 : 0, y[i, 0]);
            Assert.Equal(classes[i] >= 5 ? 1 : 0, y[i, 1]);
            Assert.Equal(classes[i] is 0 or 6 or 8 or 9 ? 1 : 0, y[i, 2]);
            Assert.Equal(classes[i] is 2 or 3 or 5 or 7 ? 1 : 0, y[i, 3]);
        }
        var hidden = MultiTaskLabels.Hide(labelled, 0.3, seed: 0);
        int missing = hidden.Y.Labels!.Data().Count(double.IsNaN);
        Assert.Equal((int)Math.Round(0.3 * y.RowCount * 4), missing);
        var perTask = MultiTaskLabels.Hide(labelled, [0, 0, 0, 0.9], seed: 0);
        Assert.Equal([1, 1, 1, 0.1], MultiTaskLabels.Present(perTask).Select(p => Math.Round(p, 2)));
        Assert.Throws<ArgumentException>(() => MultiTaskLabels.Hide(labelled, [0.1, 0.2]));
        Assert.Throws<ArgumentOutOfRangeException>(() => MultiTaskLabels.Hide(labelled, 1.0));
    }

    [Fact]
    public void The_loss_skips_unknown_labels_so_a_question_mark_changes_nothing()
    {
        // Two examples, three tasks; the "?" entries get any score without changing loss or gradient elsewhere.
        var scores = Mat.OfRows([2, -1, 0.5], [-3, 4, 1]);
        var known = Mat.OfRows([1, 0, 1], [0, 1, 0]);
        var unknown = Mat.OfRows([1, double.NaN, 1], [double.NaN, 1, 0]);
        var loss = new SigmoidCrossEntropy();
        var full = loss.Compute(scores, Targets.OfLabels(known));
        var partial = loss.Compute(scores, Targets.OfLabels(unknown));
        static double Term(double s, double y) => Math.Max(s, 0) - s * y + Math.Log(1 + Math.Exp(-Math.Abs(s)));
        Assert.Equal((Term(2, 1) + Term(0.5, 1) + Term(4, 1) + Term(1, 0)) / 2, partial.Loss, 12);
        Assert.Equal(0, partial.DScores[0, 1]);
        Assert.Equal(full.DScores[1, 1], partial.DScores[1, 1], 12);
    }

    [Fact]
    public void Accuracy_per_task_counts_only_present_labels_and_single_keeps_the_labelled_rows()
    {
        var data = new Dataset("two", Mat.OfRows([1.0], [-1.0], [2.0]), Targets.OfLabels(Mat.OfRows([1, double.NaN], [1, 0], [double.NaN, 1])), ["a", "b"]);
        // A "network" that outputs the input for task a and minus it for task b.
        var net = new Network(1, [new NotebookDL.Layers.Dense<double>(Mat.OfRows([1.0, -1.0]))], new SigmoidCrossEntropy());
        var accuracy = MultiTaskLabels.Accuracy(net, data);
        Assert.Equal(0.5, accuracy[0], 12); // rows 0 (right) and 1 (wrong)
        Assert.Equal(0.0, accuracy[1], 12); // row 1: score 1 says yes, label 0; row 2: score -2 says no, label 1
        var single = MultiTaskLabels.Single(data, 1);
        Assert.Equal(2, single.Count);
        Assert.Equal([0.0, 1.0], single.Y.Labels!.Column(0).ToArray());
    }

    [Fact]
    public void One_network_with_four_sigmoid_outputs_answers_as_well_as_four_separate_networks()
    {
        var train = MultiTaskLabels.Hide(MultiTaskLabels.FromClasses(DigitSplits.Train, MultiTaskLabels.DigitTasks), 0.3, seed: 0);
        var val = MultiTaskLabels.FromClasses(DigitSplits.Val!, MultiTaskLabels.DigitTasks);
        var options = new ExperimentOptions { Training = new TrainOptions { Optimizer = "adam", LearningRate = 1e-2, Epochs = 10, BatchSize = 100 } };
        var result = new MultiTaskExperiment().Run(new DatasetSplits(train, val), options);
        Assert.Null(result.StopMessage);
        Assert.Equal(4, result.Joint.Network.OutputSize);
        Assert.All(result.Separate, s => Assert.Equal(1, s.Network.OutputSize));
        Assert.Equal(10, result.Joint.Curve.Count);
        Assert.True(result.JointMeanAccuracy > 0.9, result.ToString());
        Assert.True(result.JointMeanAccuracy > result.SeparateMeanAccuracy - 0.02, result.ToString());
        Assert.True(result.SeparateParameters > 3 * result.Joint.Parameters);
        // Each separate network trains on the examples that have its label: about 70% of them.
        Assert.InRange(result.Separate[0].History.IterationsPerEpoch, 10, 11);
    }

    [Fact]
    public void Class_targets_are_refused_with_a_hint()
    {
        var e = Assert.Throws<ArgumentException>(() => new MultiTaskExperiment().Run(DigitSplits, new ExperimentOptions()));
        Assert.Contains("MultiTaskLabels.FromClasses", e.Message);
    }
}
