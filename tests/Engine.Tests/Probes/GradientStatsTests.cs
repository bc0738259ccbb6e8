using NotebookDL.Init;
using NotebookDL.Layers;
using NotebookDL.Probes;
using NotebookDL.Regularization;
using NotebookDL.Tensors;
using NotebookDL.Training;
using Xunit.Abstractions;

namespace NotebookDL.Tests.Probes;

/// <summary>Gradient statistics of one step and the update-to-weight ratio ‖lr·dW‖ / ‖W‖.</summary>
public sealed class GradientStatsTests(ITestOutputHelper output)
{
    private static (Network Net, MathNet.Numerics.LinearAlgebra.Matrix<double> X, int[] Y) Setup()
    {
        var net = Mlp.Create(new MlpOptions
        {
            InputSize = 10, Classes = 4, Hidden = [8, 6], BatchNorm = true, Init = Initializer.He, Regularizer = Regularizer.L2(1e-3), Seed = 5,
        });
        var rng = new Rng(6);
        var x = Mat.Gaussian(16, 10, rng);
        var y = Enumerable.Range(0, 16).Select(i => i % 4).ToArray();
        return (net, x, y);
    }

    [Fact]
    public void Update_ratio_is_lr_times_the_gradient_norm_over_the_weight_norm()
    {
        var (net, x, y) = Setup();
        const double lr = 1e-2;
        var report = GradientStats.Of(net, x, y, lr);
        output.WriteLine(report.ToString());
        Assert.Equal(net.Parameters.Count(), report.Rows.Count);

        // The same quantities from the network's own gradients, computed another way (MathNet's norms).
        var reference = Setup();
        var cost = reference.Net.ComputeGradients(reference.X, reference.Y);
        Assert.Equal(cost.Cost, report.Cost, 12);
        var parameters = reference.Net.Parameters.ToList();
        for (int k = 0; k < parameters.Count; k++)
        {
            var p = parameters[k];
            var row = report.Rows[k];
            Assert.Equal(p.Name, row.Parameter);
            Assert.Equal(p.Grad.FrobeniusNorm(), row.GradNorm, 12);
            Assert.Equal(p.Value.FrobeniusNorm(), row.WeightNorm, 12);
            Assert.Equal(lr * p.Grad.FrobeniusNorm() / p.Value.FrobeniusNorm(), row.UpdateRatio, 12);
            var g = p.Grad.Enumerate().ToArray();
            Assert.Equal(g.Average(), row.GradMean, 12);
            Assert.Equal(Math.Sqrt(g.Average(v => (v - g.Average()) * (v - g.Average()))), row.GradStd, 12);
        }
        // Batch norm's beta starts at 0: no weight to compare the step with.
        Assert.Equal(double.PositiveInfinity, report.Rows.First(r => r.Parameter == "beta").UpdateRatio);
    }

    [Fact]
    public void Gradient_stats_do_not_update_the_weights_or_the_running_averages()
    {
        var (net, x, y) = Setup();
        var before = net.Snapshot();
        GradientStats.Of(net, x, y, 0.1);
        var after = net.Snapshot();
        for (int l = 0; l < net.Layers.Count; l++)
        {
            Assert.Equal(before.Parameters[l], after.Parameters[l]);
            foreach (var (name, buffer) in before.Buffers[l]) Assert.Equal(buffer, after.Buffers[l][name]);
        }
        Assert.Contains(net.Parameters, p => p.Grad.Enumerate().Any(v => v != 0)); // but the gradients are there
    }

    [Fact]
    public void Update_ratio_grows_in_proportion_to_the_learning_rate()
    {
        var (net, x, y) = Setup();
        var small = GradientStats.Of(net, x, y, 1e-4);
        var large = GradientStats.Of(net, x, y, 1e-1);
        var w = small.Rows.Where(r => r.Parameter == "W").Zip(large.Rows.Where(r => r.Parameter == "W"));
        Assert.All(w, pair => Assert.Equal(1000, pair.Second.UpdateRatio / pair.First.UpdateRatio, 9));
    }

    [Fact]
    public void A_learning_rate_that_is_not_positive_is_rejected()
    {
        var (net, x, y) = Setup();
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => GradientStats.Of(net, x, y, 0));
        Assert.Contains("got 0", e.Message);
    }
}
