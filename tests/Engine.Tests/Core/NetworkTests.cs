using NotebookDL.Init;
using NotebookDL.Layers;
using NotebookDL.Losses;
using NotebookDL.Regularization;
using NotebookDL.Tensors;
using NotebookDL.Training;

namespace NotebookDL.Tests.Core;

/// <summary>The network container: shapes, parameter counts, width checks, snapshots.</summary>
public sealed class NetworkTests
{
    private static Network Cifar(Regularizer? reg = null) => Mlp.Create(new MlpOptions
    {
        InputSize = 3072, Classes = 10, Hidden = [50], Init = Initializer.Small, Regularizer = reg ?? Regularizer.None, Seed = 1,
    });

    [Fact]
    public void Mlp_3072_50_10_has_154_160_parameters_and_the_lecture_s_shapes()
    {
        var net = Cifar();
        // W1 (3072, 50) + b1 (1, 50) + W2 (50, 10) + b2 (1, 10).
        Assert.Equal(3072 * 50 + 50 + 50 * 10 + 10, net.ParameterCount);
        Assert.Equal(154_160, net.ParameterCount);
        Assert.Equal(["(3072, 50)", "(1, 50)", "(50, 10)", "(1, 10)"], net.Parameters.Select(p => p.Value.Shape()));
        Assert.Equal(10, net.OutputSize);
        Assert.Equal("(7, 10)", net.Forward(Mat.Gaussian(7, 3072, new Rng(2)), Mode.Test).Shape());
    }

    [Fact]
    public void Initial_loss_with_small_weights_is_about_ln_10_and_regularisation_raises_it()
    {
        var x = Mat.Gaussian(50, 3072, new Rng(3));
        var y = Enumerable.Range(0, 50).Select(i => i % 10).ToArray();
        var plain = Cifar().Cost(x, y);
        Assert.InRange(plain.Cost, Math.Log(10) - 0.01, Math.Log(10) + 0.01); // 2.3026
        Assert.Equal(0, plain.RegularizationLoss);
        var regularised = Cifar(Regularizer.L2(1.0)).Cost(x, y);
        Assert.True(regularised.Cost > plain.Cost);
    }

    [Fact]
    public void A_width_mismatch_between_layers_is_an_error_naming_the_widths()
    {
        var rng = new Rng(4);
        var e = Assert.Throws<ArgumentException>(() =>
            new Network(4, [new Dense(4, 6, Initializer.He, rng), new ReLU(), new Dense(5, 3, Initializer.He, rng)], new SoftmaxCrossEntropy()));
        Assert.Contains("takes 5 inputs, got 6", e.Message);

        var net = new Network(4, [new Dense(4, 3, Initializer.He, rng)], new SoftmaxCrossEntropy());
        var forward = Assert.Throws<ArgumentException>(() => net.Forward(Mat.Zeros(2, 5), Mode.Test));
        Assert.Contains("(N, 4)", forward.Message);
    }

    [Fact]
    public void Snapshot_and_restore_round_trip_parameters_and_running_averages()
    {
        var net = Mlp.Create(new MlpOptions { InputSize = 5, Classes = 3, Hidden = [6], BatchNorm = true, Init = Initializer.He, Seed = 5 });
        var x = Mat.Gaussian(8, 5, new Rng(6), scale: 3);
        int[] y = [0, 1, 2, 0, 1, 2, 0, 1];
        net.Forward(x, Mode.Train); // move the running averages away from their start
        var before = net.Forward(x, Mode.Test);
        var snapshot = net.Snapshot();

        // Train a little: parameters and running averages change.
        for (int step = 0; step < 3; step++)
        {
            net.ComputeGradients(x, y);
            foreach (var p in net.Parameters) p.Value.Subtract(p.Grad.Multiply(0.5), p.Value);
        }
        Assert.NotEqual(before, net.Forward(x, Mode.Test));
        Assert.NotEqual(snapshot.Buffers[1]["running_mean"], ((BatchNorm)net.Layers[1]).RunningMean);

        net.Restore(snapshot);
        Assert.Equal(before, net.Forward(x, Mode.Test));
        Assert.Equal(snapshot.Buffers[1]["running_mean"], ((BatchNorm)net.Layers[1]).RunningMean);
    }

    [Fact]
    public void Restoring_a_snapshot_of_another_architecture_is_an_error()
    {
        var a = Mlp.Create(new MlpOptions { InputSize = 5, Classes = 3, Hidden = [6] });
        var b = Mlp.Create(new MlpOptions { InputSize = 5, Classes = 3, Hidden = [7] });
        Assert.Throws<ArgumentException>(() => b.Restore(a.Snapshot()));
    }
}
