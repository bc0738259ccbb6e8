using NotebookDL.Init;
using NotebookDL.Probes;
using NotebookDL.Tensors;
using NotebookDL.Training;

namespace NotebookDL.Tests.Probes;

/// <summary>cs231n's check before there is data: a small net's gradients on a random batch.</summary>
public class RandomBatchGradientCheckTests
{
    private static Network Small(int seed = 0, bool batchNorm = false) => Mlp.Create(new MlpOptions
    {
        InputSize = 10, Classes = 4, Hidden = [10, 10], Activation = "tanh", Init = Initializer.XavierNormal, BatchNorm = batchNorm, Seed = seed,
    });

    [Fact]
    public void A_small_tanh_net_with_and_without_batch_norm_passes_below_1e_7_on_8_random_examples()
    {
        foreach (var batchNorm in new[] { false, true })
        {
            var net = Small(batchNorm: batchNorm);
            var report = GradientCheck.OnRandomBatch(net, batchSize: 8, seed: 0);
            Assert.True(report.Passed, report.ToString());
            Assert.Equal(net.Parameters.Count(), report.Rows.Count);
        }
    }

    [Fact]
    public void The_batch_is_randn_of_the_net_s_width_with_uniform_labels_drawn_with_seed_plus_1()
    {
        var rng = new Rng(3 + 1);
        var x = Mat.Gaussian(8, 10, rng);
        var y = Enumerable.Range(0, 8).Select(_ => rng.NextInt(4)).ToArray();
        var expected = GradientCheck.Network(Small(3), x, y);
        var report = GradientCheck.OnRandomBatch(Small(3), 8, seed: 3);
        Assert.Equal(expected.Rows.Select(r => r.MaxRelativeError), report.Rows.Select(r => r.MaxRelativeError));
        Assert.Equal(expected.Rows.Select(r => r.Analytic), report.Rows.Select(r => r.Analytic));
    }

    [Fact]
    public void An_empty_batch_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => GradientCheck.OnRandomBatch(Small(), 0, 0));
    }
}
