using NotebookDL.Data;
using NotebookDL.Tensors;
using NotebookDL.Training;

namespace NotebookDL.Analysis;

/// <summary>
/// A trained network's decision regions over 2-D data (the lecture's spiral): the class it predicts at every
/// point of a grid covering the data with a margin, and its accuracy on the data. Softmax regression
/// gives straight boundaries between classes; a hidden layer bends them.
/// <code>
/// var spiral = Spiral.Create();
/// var net = Mlp.Create(new MlpOptions { InputSize = 2, Classes = 3, Hidden = [100] });
/// new Trainer().Train(net, spiral, null, new TrainOptions { Optimizer = "adam", LearningRate = 0.05, Epochs = 200, BatchSize = 300 });
/// var regions = DecisionBoundary.Of(net, spiral);   // regions.Accuracy near 0.99
/// </code>
/// </summary>
/// <param name="X1">The grid's first coordinates, ascending.</param>
/// <param name="X2">The grid's second coordinates, ascending.</param>
/// <param name="Regions">The predicted class at (X1[j], X2[i]) in <c>Regions[i][j]</c>: one row per X2, as a heatmap draws it.</param>
/// <param name="Accuracy">The network's accuracy on the data the grid covers.</param>
public sealed record DecisionBoundary(double[] X1, double[] X2, int[][] Regions, double Accuracy)
{
    /// <summary>The grid reaches this share of the data's larger span beyond the data on every side.</summary>
    public const double Margin = 0.1;

    /// <summary>
    /// Predicts every point of a <paramref name="resolution"/> × <paramref name="resolution"/> grid over
    /// <paramref name="points"/> (2 features) with <paramref name="net"/> in test mode.
    /// </summary>
    public static DecisionBoundary Of(Network net, Dataset points, int resolution = 120)
    {
        ArgumentNullException.ThrowIfNull(net);
        ArgumentNullException.ThrowIfNull(points);
        if (points.Features != 2) throw new ArgumentException($"decision regions are drawn for 2-D data; {points.Name} has {points.Features} features", nameof(points));
        if (net.InputSize != 2) throw new ArgumentException($"the network takes {net.InputSize} features, not 2", nameof(net));
        if (resolution < 2) throw new ArgumentOutOfRangeException(nameof(resolution), resolution, "at least 2 grid points per axis");

        var xs = points.X.Column(0);
        var ys = points.X.Column(1);
        // One margin for both axes, from the larger span, so the regions are not stretched.
        double pad = Margin * Math.Max(xs.Maximum() - xs.Minimum(), ys.Maximum() - ys.Minimum());
        var gx = Grid(xs.Minimum() - pad, xs.Maximum() + pad, resolution);
        var gy = Grid(ys.Minimum() - pad, ys.Maximum() + pad, resolution);
        var grid = Mat.Zeros(resolution * resolution, 2);
        for (int i = 0; i < resolution; i++)
            for (int j = 0; j < resolution; j++)
            {
                grid[i * resolution + j, 0] = gx[j];
                grid[i * resolution + j, 1] = gy[i];
            }
        var predicted = net.Predict(grid);
        var regions = Enumerable.Range(0, resolution).Select(i => predicted.AsSpan(i * resolution, resolution).ToArray()).ToArray();
        return new DecisionBoundary(gx, gy, regions, net.Accuracy(points.X, points.Labels));
    }

    private static double[] Grid(double lo, double hi, int n) => Enumerable.Range(0, n).Select(i => lo + (hi - lo) * i / (n - 1)).ToArray();
}
