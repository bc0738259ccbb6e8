using NotebookDL.Init;
using NotebookDL.Layers;
using NotebookDL.Probes;
using NotebookDL.Tensors;
using Xunit.Abstractions;
using static NotebookDL.Tests.Core.TestInputs;

namespace NotebookDL.Tests.Core;

/// <summary>
/// Every layer's backward pass against centred differences (h = 1e-5), float64: the largest relative
/// error per tensor must be below 1e-7. Inputs stay at least 0.1 away from the kinks of the ReLU family.
/// </summary>
public sealed class LayerGradientTests(ITestOutputHelper output)
{
    private void Check(ILayer layer, Mode mode, int n, int d, int seed, bool awayFromZero = false)
    {
        var rng = new Rng(seed);
        var x = awayFromZero ? AwayFromZero(n, d, rng) : Mat.Gaussian(n, d, rng);
        AssertPasses(GradientCheck.Layer(layer, x, mode, rng), output);
    }

    [Fact]
    public void Dense_with_bias_passes_the_gradient_check()
    {
        var rng = new Rng(1);
        var layer = new Dense(6, 5, Initializer.XavierNormal, rng);
        Randomize(layer.B!.Value, rng);
        Check(layer, Mode.Train, n: 4, d: 6, seed: 2);
    }

    [Fact]
    public void Dense_without_bias_passes_the_gradient_check()
    {
        var layer = new Dense(7, 4, Initializer.XavierNormal, new Rng(3), bias: false);
        Assert.Single(layer.Parameters);
        Check(layer, Mode.Train, n: 5, d: 7, seed: 4);
    }

    [Fact]
    public void Sigmoid_passes_the_gradient_check() => Check(new Sigmoid(), Mode.Train, 5, 6, seed: 5);

    [Fact]
    public void Tanh_passes_the_gradient_check() => Check(new Tanh(), Mode.Train, 5, 6, seed: 6);

    [Fact]
    public void ReLU_passes_the_gradient_check_away_from_its_kink() =>
        Check(new ReLU(), Mode.Train, 5, 6, seed: 7, awayFromZero: true);

    [Fact]
    public void LeakyReLU_0_01_passes_the_gradient_check_away_from_its_kink() =>
        Check(new LeakyReLU(0.01), Mode.Train, 5, 6, seed: 8, awayFromZero: true);

    [Fact]
    public void ELU_with_alpha_0_5_passes_the_gradient_check_away_from_its_kink() =>
        Check(new ELU(0.5), Mode.Train, 5, 6, seed: 9, awayFromZero: true);

    [Fact]
    public void ELU_with_alpha_1_passes_the_gradient_check() =>
        Check(new ELU(1.0), Mode.Train, 5, 6, seed: 10, awayFromZero: true);

    [Fact]
    public void PReLU_passes_the_gradient_check_for_x_and_alpha()
    {
        var layer = new PReLU(6);
        Randomize(layer.Alpha.Value, new Rng(11), mean: 0.25, scale: 0.1);
        Check(layer, Mode.Train, 5, 6, seed: 12, awayFromZero: true);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Maxout_passes_the_gradient_check(int pieces)
    {
        var rng = new Rng(13 + pieces);
        var layer = new Maxout(6, 4, pieces, Initializer.XavierNormal, rng);
        Randomize(layer.B.Value, rng, scale: 0.5);
        Check(layer, Mode.Train, 5, 6, seed: 20 + pieces);
    }

    [Fact]
    public void BatchNorm_in_train_mode_passes_the_gradient_check()
    {
        var layer = RandomBatchNorm(5, seed: 30);
        Check(layer, Mode.Train, n: 6, d: 5, seed: 31);
    }

    [Fact]
    public void BatchNorm_in_test_mode_passes_the_gradient_check()
    {
        var layer = RandomBatchNorm(5, seed: 32);
        TestInputs.Randomize(layer.RunningMean, new Rng(33));
        TestInputs.Randomize(layer.RunningVariance, new Rng(34), mean: 2, scale: 0.5);
        Check(layer, Mode.Test, n: 6, d: 5, seed: 35);
    }

    [Fact]
    public void BatchNorm_gradient_check_leaves_the_running_averages_as_they_were()
    {
        var layer = RandomBatchNorm(5, seed: 36);
        var before = layer.RunningMean.Clone();
        GradientCheck.Layer(layer, Mat.Gaussian(6, 5, new Rng(37), scale: 3), Mode.Train, new Rng(38));
        Assert.Equal(before, layer.RunningMean);
        Assert.True(layer.RunningVariance.ForAll(v => v == 1.0));
    }

    [Fact]
    public void Dropout_in_train_mode_with_a_frozen_mask_passes_the_gradient_check()
    {
        var layer = new Dropout(0.5, seed: 40);
        Check(layer, Mode.Train, 5, 6, seed: 41);
        Assert.False(layer.Frozen); // the check froze it and put the flag back
    }

    [Fact]
    public void Dropout_in_test_mode_passes_the_gradient_check() => Check(new Dropout(0.5, seed: 42), Mode.Test, 5, 6, seed: 43);

    [Fact]
    public void A_wrong_backward_pass_fails_the_gradient_check()
    {
        // tanh' written as 1 - tanh instead of 1 - tanh²: the check must catch it.
        var report = GradientCheck.Layer(new WrongTanh(), Mat.Gaussian(4, 5, new Rng(44)), Mode.Train, new Rng(45));
        output.WriteLine(report.ToString());
        Assert.False(report.Passed);
        Assert.True(report.MaxRelativeError > 1e-2);
    }

    private static BatchNorm RandomBatchNorm(int units, int seed)
    {
        var layer = new BatchNorm(units);
        var rng = new Rng(seed);
        Randomize(layer.Gamma.Value, rng, mean: 1, scale: 0.3);
        Randomize(layer.Beta.Value, rng);
        return layer;
    }

    private sealed class WrongTanh : Activation
    {
        public override string Name => "WrongTanh";
        public override LayerSpec Spec => LayerSpec.Of("WrongTanh");

        protected override void Apply(ReadOnlySpan<double> x, Span<double> y)
        {
            for (int i = 0; i < x.Length; i++) y[i] = Math.Tanh(x[i]);
        }

        protected override void Gradient(ReadOnlySpan<double> x, ReadOnlySpan<double> y, ReadOnlySpan<double> dy, Span<double> dx)
        {
            for (int i = 0; i < x.Length; i++) dx[i] = (1 - y[i]) * dy[i];
        }
    }
}
