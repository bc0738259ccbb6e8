using NotebookDL.Analysis;
using NotebookDL.Data;
using NotebookDL.Tensors;
using NotebookDL.Training;

namespace NotebookDL.Tests.Analysis;

/// <summary>The lecture's spiral: softmax regression draws straight boundaries, a hidden layer bends them.</summary>
public class DecisionBoundaryTests
{
    private static readonly Dataset Points = Spiral.Create();

    private static Network Trained(int[] hidden)
    {
        var net = Mlp.Create(new MlpOptions { InputSize = 2, Classes = 3, Hidden = hidden });
        new Trainer().Train(net, Points, null, new TrainOptions { Optimizer = "adam", LearningRate = 0.05, Epochs = 200, BatchSize = 300 });
        return net;
    }

    /// <summary>The most separate runs one class makes along a row of the grid (a convex region makes one).</summary>
    private static int MostRunsInARow(DecisionBoundary b) =>
        b.Regions.Max(row => row.Distinct().Max(k => row.Select((c, j) => c == k && (j == 0 || row[j - 1] != k)).Count(start => start)));

    [Fact]
    public void Softmax_regression_gives_convex_regions_and_a_hidden_layer_bends_them()
    {
        var linear = DecisionBoundary.Of(Trained([]), Points, 60);
        var bent = DecisionBoundary.Of(Trained([100]), Points, 60);
        Assert.Equal(1, MostRunsInARow(linear)); // a line crosses a region bounded by lines once
        Assert.True(MostRunsInARow(bent) > 1);
        Assert.True(linear.Accuracy < 0.65, $"softmax regression on the spiral: {linear.Accuracy}");
        Assert.True(bent.Accuracy > 0.95, $"two-layer net on the spiral: {bent.Accuracy}");
    }

    [Fact]
    public void The_grid_covers_the_data_with_a_margin_and_holds_the_network_s_predictions()
    {
        var net = Trained([20]);
        var b = DecisionBoundary.Of(net, Points, 30);
        var xs = Points.X.Column(0);
        var ys = Points.X.Column(1);
        double pad = 0.1 * Math.Max(xs.Maximum() - xs.Minimum(), ys.Maximum() - ys.Minimum());
        Assert.Equal(30, b.X1.Length);
        Assert.Equal(30, b.Regions.Length);
        Assert.All(b.Regions, row => Assert.Equal(30, row.Length));
        Assert.Equal(xs.Minimum() - pad, b.X1[0], 12);
        Assert.Equal(xs.Maximum() + pad, b.X1[^1], 12);
        Assert.Equal(ys.Minimum() - pad, b.X2[0], 12);
        Assert.Equal(ys.Maximum() + pad, b.X2[^1], 12);
        foreach (var (i, j) in new[] { (0, 0), (3, 17), (29, 5), (12, 29) })
            Assert.Equal(net.Predict(Mat.Row(b.X1[j], b.X2[i]))[0], b.Regions[i][j]);
        Assert.Equal(net.Accuracy(Points.X, Points.Labels), b.Accuracy);
    }

    [Fact]
    public void Regions_need_2_d_data_and_a_network_that_takes_2_features()
    {
        var net = Trained([]);
        Assert.Throws<ArgumentException>(() => DecisionBoundary.Of(net, SyntheticImages.Create(5)));
        var wide = Mlp.Create(new MlpOptions { InputSize = 3, Classes = 3 });
        Assert.Throws<ArgumentException>(() => DecisionBoundary.Of(wide, Points));
    }
}
