using NotebookDL.Analysis;
using NotebookDL.Data;
using NotebookDL.Layers;
using NotebookDL.Losses;
using NotebookDL.Tensors;
using NotebookDL.Training;

namespace NotebookDL.Tests.Analysis;

public sealed class ConfusionMatrixTests
{
    private static readonly string[] Names = ["cat", "dog", "chick"];

    // 10 examples: 4 cats (3 right, 1 called dog), 4 dogs (2 right, 2 called cat), 2 chicks (1 right, 1 called dog).
    private static readonly int[] Actual = [0, 0, 0, 0, 1, 1, 1, 1, 2, 2];
    private static readonly int[] Predicted = [0, 0, 0, 1, 1, 1, 0, 0, 2, 1];

    [Fact]
    public void Rows_are_the_true_classes_and_columns_the_predicted_ones()
    {
        var m = ConfusionMatrix.From(Actual, Predicted, Names);
        Assert.Equal(new[,] { { 3, 1, 0 }, { 2, 2, 0 }, { 0, 1, 1 } }, m.Counts);
        Assert.Equal(10, m.Total);
        Assert.Equal(6, m.Correct);
        Assert.Equal(0.6, m.Accuracy, 12);
        Assert.Equal([4, 4, 2], Enumerable.Range(0, 3).Select(m.Actual));
        Assert.Equal([5, 4, 1], Enumerable.Range(0, 3).Select(m.Predicted));
    }

    [Fact]
    public void Precision_divides_by_the_column_and_recall_by_the_row()
    {
        var m = ConfusionMatrix.From(Actual, Predicted, Names);
        Assert.Equal(3.0 / 5, m.Precision(0), 12); // 5 called cat, 3 are cats
        Assert.Equal(3.0 / 4, m.Recall(0), 12);    // 4 cats, 3 found
        Assert.Equal(2.0 / 4, m.Precision(1), 12);
        Assert.Equal(2.0 / 4, m.Recall(1), 12);
        Assert.Equal(1.0, m.Precision(2), 12);
        Assert.Equal(0.5, m.Recall(2), 12);
        Assert.Equal(m.Precisions, Enumerable.Range(0, 3).Select(m.Precision));
        Assert.Equal(m.Recalls, Enumerable.Range(0, 3).Select(m.Recall));
    }

    [Fact]
    public void A_class_never_predicted_has_no_precision_and_a_class_never_seen_no_recall()
    {
        var m = ConfusionMatrix.From([0, 0, 1], [0, 0, 0], Names);
        Assert.True(double.IsNaN(m.Precision(1)));
        Assert.Equal(0, m.Recall(1));
        Assert.True(double.IsNaN(m.Recall(2)));
        Assert.True(double.IsNaN(ConfusionMatrix.From([], [], Names).Accuracy));
    }

    [Fact]
    public void Most_confused_lists_the_largest_off_diagonal_cells_first()
    {
        var m = ConfusionMatrix.From(Actual, Predicted, Names);
        var top = m.MostConfused(2);
        Assert.Equal(2, top.Count);
        Assert.Equal(new Confusion(1, 0, "dog", "cat", 2), top[0]);
        Assert.Equal(new Confusion(0, 1, "cat", "dog", 1), top[1]); // tie with chick → dog: row order
        Assert.Equal(3, m.MostConfused(10).Count); // only the non-empty cells
        Assert.Equal("dog → cat: 2", top[0].ToString());
    }

    [Fact]
    public void Bad_input_is_refused_with_the_example_and_the_class_named()
    {
        Assert.Contains("2 true classes but 1 predictions", Assert.Throws<ArgumentException>(() => ConfusionMatrix.From([0, 1], [0], Names)).Message);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => ConfusionMatrix.From([0, 3], [0, 0], Names));
        Assert.Contains("example 1 has true class 3; the classes are 0..2", e.Message);
        e = Assert.Throws<ArgumentOutOfRangeException>(() => ConfusionMatrix.From([0, 1], [0, -1], Names));
        Assert.Contains("example 1 is predicted as class -1", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => ConfusionMatrix.From(Actual, Predicted, Names).MostConfused(-1));
    }

    [Fact]
    public void The_confusion_matrix_of_a_network_agrees_with_its_accuracy()
    {
        // A linear net whose scores are its inputs: it predicts the largest feature.
        var net = new Network(3, [new Dense(Mat.OfRows([1, 0, 0], [0, 1, 0], [0, 0, 1]))], new SoftmaxCrossEntropy());
        var x = Mat.OfRows([5, 1, 0], [0, 2, 1], [0, 3, 1], [1, 0, 4], [2, 0, 1]);
        var data = new Dataset("toy", x, new[] { 0, 1, 2, 2, 1 }, Names);
        var m = ConfusionMatrix.Of(net, data);
        Assert.Equal(new[,] { { 1, 0, 0 }, { 1, 1, 0 }, { 0, 1, 1 } }, m.Counts);
        Assert.Equal(net.Accuracy(x, data.Labels), m.Accuracy, 12);
        Assert.Equal(Names, m.ClassNames);
    }
}
