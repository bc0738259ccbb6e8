using NotebookDL.Init;
using NotebookDL.Layers;
using NotebookDL.Probes;
using NotebookDL.Tensors;
using NotebookDL.Training;
using Xunit.Abstractions;

namespace NotebookDL.Tests.Probes;

/// <summary>
/// The lecture's initialisation experiment: 10 hidden layers of 500 units on unit-Gaussian input. The
/// tests feed 50 rows instead of the lecture's 1000 to stay fast; the statistics are over all N·500
/// values of a layer and the claims (which depend on the width, 500) are the same.
/// </summary>
public sealed class ActivationStatsTests(ITestOutputHelper output)
{
    private const int Samples = 50;

    private ActivationReport Run(string activation, Initializer init)
    {
        var report = ActivationStats.DeepNetExperiment(layers: 10, units: 500, samples: Samples, activation: activation, init: init, seed: 0);
        output.WriteLine(report.ToString());
        Assert.Equal(10, report.Rows.Count);
        return report;
    }

    [Fact]
    public void With_small_weights_tanh_activations_shrink_toward_zero_layer_by_layer()
    {
        var rows = Run("tanh", Initializer.Small).Rows;
        // The lecture prints std 0.21, 0.047, 0.01, ... : each layer multiplies the spread by about 0.01·√500 = 0.22.
        Assert.InRange(rows[0].Std, 0.19, 0.23);
        for (int l = 1; l < 10; l++) Assert.InRange(rows[l].Std / rows[l - 1].Std, 0.2, 0.25);
        Assert.True(rows[9].Std < 1e-6, $"layer 10 std {rows[9].Std}");
        Assert.All(rows, r => Assert.True(Math.Abs(r.Mean) < 0.05 * r.Std, r.Line()));
        Assert.All(rows, r => Assert.Equal(0, r.SaturatedFraction));
    }

    [Fact]
    public void With_unit_gaussian_weights_tanh_units_saturate_at_minus_1_and_plus_1()
    {
        var rows = Run("tanh", Initializer.Large).Rows;
        // z has std about √500 ≈ 22, so |tanh z| > 0.99 (|z| > 2.65) for about 90% of the units.
        Assert.All(rows, r => Assert.True(r.SaturatedFraction > 0.89, r.Line()));
        Assert.True(rows.Average(r => r.SaturatedFraction) > 0.90);
        Assert.All(rows, r => Assert.True(r.Std > 0.95, r.Line()));
        // Nearly all mass in the two end bins of [-1, 1].
        Assert.All(rows, r => Assert.True(r.Histogram.Counts[0] + r.Histogram.Counts[^1] > 0.85 * r.Count, r.Line()));
    }

    [Fact]
    public void With_Xavier_tanh_activations_keep_a_healthy_spread_that_decays_slowly()
    {
        var rows = Run("tanh", Initializer.XavierNormal).Rows;
        Assert.InRange(rows[0].Std, 0.55, 0.7);
        for (int l = 1; l < 10; l++) Assert.InRange(rows[l].Std / rows[l - 1].Std, 0.7, 1.0);
        Assert.True(rows[9].Std > 0.15, $"layer 10 std {rows[9].Std}");
        Assert.All(rows, r => Assert.True(r.SaturatedFraction < 0.02, r.Line()));
    }

    [Fact]
    public void With_He_weights_ReLU_activations_keep_their_spread()
    {
        var rows = Run("relu", Initializer.He).Rows;
        Assert.All(rows, r => Assert.InRange(r.Std / rows[0].Std, 0.7, 1.3));
        Assert.All(rows, r => Assert.InRange(r.ZeroFraction, 0.4, 0.6)); // half the units are off
    }

    [Fact]
    public void With_Xavier_weights_ReLU_activations_halve_their_variance_each_layer()
    {
        // The lecture: Xavier "breaks" with ReLU, which zeroes half the inputs; He's factor 2 fixes it.
        var rows = Run("relu", Initializer.XavierNormal).Rows;
        Assert.True(rows[9].Std < 0.1 * rows[0].Std, $"{rows[9].Std} vs {rows[0].Std}");
    }

    [Fact]
    public void Histogram_counts_add_up_to_the_number_of_activations()
    {
        var report = ActivationStats.DeepNetExperiment(layers: 3, units: 40, samples: 30, activation: "tanh", init: Initializer.XavierNormal, seed: 1,
            options: new ActivationStatsOptions { Bins = 20 });
        Assert.All(report.Rows, r =>
        {
            Assert.Equal(30 * 40, r.Count);
            Assert.Equal(r.Count, r.Histogram.Total);
            Assert.Equal(20, r.Histogram.Bins);
            Assert.Equal((-1.0, 1.0), (r.Histogram.Low, r.Histogram.High));
        });
        Assert.Equal(["hidden layer 1", "hidden layer 2", "hidden layer 3"], report.Rows.Select(r => r.Label));
    }

    [Fact]
    public void The_one_line_format_follows_makemore()
    {
        var a = Mat.OfRows([0.995, -0.5], [0.2, -0.999]);
        var line = ActivationStats.Of(a, new Tanh(), 3, "layer 3").Line();
        Assert.Equal("layer 3 (Tanh): mean -0.08, std 0.75, saturated 50.0%", line);
        var relu = ActivationStats.Of(Mat.OfRows([0, 2], [0, 1]), new ReLU(), 5, "layer 5");
        Assert.Equal(0.5, relu.ZeroFraction);
        Assert.Equal(0.5, relu.DeadUnitFraction); // the first unit is zero for every example
        Assert.Equal("layer 5 (ReLU): mean +0.75, std 0.83, zero 50.0%, dead units 50.0%", relu.Line());
    }

    [Fact]
    public void Sigmoid_saturation_counts_both_ends()
    {
        var stats = ActivationStats.Of(Mat.OfRows([0.005, 0.5, 0.995, 0.98]), new Sigmoid(), 0, "layer 0");
        Assert.Equal(0.5, stats.SaturatedFraction);
        Assert.Equal((0.0, 1.0), (stats.Histogram.Low, stats.Histogram.High));
    }

    [Fact]
    public void Of_network_records_every_layer_or_only_the_non_linearities_and_leaves_batch_norm_unchanged()
    {
        var net = Mlp.Create(new MlpOptions { InputSize = 8, Classes = 3, Hidden = [6, 5], BatchNorm = true, Activation = "tanh", Init = Initializer.XavierNormal, Seed = 3 });
        var x = Mat.Gaussian(20, 8, new Rng(4), scale: 2);
        var activations = ActivationStats.OfNetwork(net, x);
        Assert.Equal([2, 5], activations.Rows.Select(r => r.LayerIndex));
        var all = ActivationStats.OfNetwork(net, x, Mode.Train, new ActivationStatsOptions { ActivationsOnly = false });
        Assert.Equal(net.Layers.Count, all.Rows.Count);
        Assert.Equal("(20, 6)", "(20, " + all.Rows[0].Count / 20 + ")");
        // In training mode batch norm's output has mean 0 and std 1 per unit, hence overall.
        Assert.Equal(0, all.Rows[1].Mean, 12);
        Assert.Equal(1, all.Rows[1].Std, 4);
        // The running averages were restored.
        Assert.All(net.Layers.OfType<BatchNorm>(), bn => Assert.True(bn.RunningMean.ForAll(v => v == 0)));
    }
}
