using NotebookDL.Layers;
using NotebookDL.Probes;
using NotebookDL.Tensors;
using NotebookDL.Training;

namespace NotebookDL.Tests.Probes;

/// <summary>Batch norm's running averages (test mode) against one mini-batch's statistics (training mode).</summary>
public class BatchStatisticsTests
{
    private static Network WithBatchNorm() => Mlp.Create(new MlpOptions { InputSize = 6, Classes = 3, Hidden = [5, 4], BatchNorm = true, Seed = 2 });

    [Fact]
    public void The_batch_statistics_are_the_mean_and_variance_of_the_first_dense_output_per_unit()
    {
        var net = WithBatchNorm();
        var batch = Mat.Gaussian(40, 6, new Rng(1), scale: 3);
        var s = BatchStatistics.OfFirstBatchNorm(net, batch);
        var z = net.Layers[0].Forward(batch, Mode.Train); // Z[1] = X W (no bias before batch norm)
        Assert.Equal(40, s.BatchSize);
        Assert.Equal(5, s.BatchMean.Length);
        for (int j = 0; j < 5; j++)
        {
            var column = z.Column(j);
            double mean = column.Average();
            double variance = column.Select(v => (v - mean) * (v - mean)).Average(); // the biased variance batch norm divides by
            Assert.Equal(mean, s.BatchMean[j], 12);
            Assert.Equal(variance, s.BatchVariance[j], 12);
        }
    }

    [Fact]
    public void A_fresh_layer_s_running_averages_are_mean_0_and_variance_1()
    {
        var s = BatchStatistics.OfFirstBatchNorm(WithBatchNorm(), Mat.Gaussian(10, 6, new Rng(3)));
        Assert.All(s.RunningMean, m => Assert.Equal(0.0, m));
        Assert.All(s.RunningVariance, v => Assert.Equal(1.0, v));
    }

    [Fact]
    public void Measuring_leaves_the_running_averages_and_the_predictions_as_they_were()
    {
        var net = WithBatchNorm();
        var x = Mat.Gaussian(30, 6, new Rng(4), scale: 5);
        var bn = net.Layers.OfType<BatchNorm>().First();
        var before = net.Forward(x, Mode.Test).Clone();
        BatchStatistics.OfFirstBatchNorm(net, x);
        Assert.All(bn.RunningMean.Data(), m => Assert.Equal(0.0, m));
        Assert.Equal(before, net.Forward(x, Mode.Test));
    }

    [Fact]
    public void A_network_without_batch_norm_is_refused()
    {
        var plain = Mlp.Create(new MlpOptions { InputSize = 6, Classes = 3, Hidden = [5] });
        Assert.Throws<ArgumentException>(() => BatchStatistics.OfFirstBatchNorm(plain, Mat.Zeros(2, 6)));
    }
}
