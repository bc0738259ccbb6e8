using NotebookDL.Analysis;
using NotebookDL.Data;
using NotebookDL.Data.Preprocessing;
using NotebookDL.Training;

namespace NotebookDL.Tests.Analysis;

public sealed class BiasVarianceTableTests
{
    [Fact]
    public void Train_1_train_dev_9_dev_10_is_variance()
    {
        var t = new BiasVarianceTable(0, 0.01, 0.09, 0.10);
        Assert.Equal(0.08, t.Variance!.Value, 12);
        Assert.Equal(0.01, t.DataMismatch!.Value, 12);
        Assert.Equal(ErrorGapKind.Variance, t.Problem!.Kind);
        Assert.StartsWith("variance: train 1.0% → train-dev 9.0%: +8.0 points", t.Verdict);
    }

    [Fact]
    public void Train_1_train_dev_1_5_dev_10_is_data_mismatch()
    {
        var t = new BiasVarianceTable(0, 0.01, 0.015, 0.10);
        Assert.Equal(0.005, t.Variance!.Value, 12);
        Assert.Equal(0.085, t.DataMismatch!.Value, 12);
        Assert.Equal(ErrorGapKind.DataMismatch, t.Problem!.Kind);
        Assert.StartsWith("data mismatch: train-dev 1.5% → dev 10.0%: +8.5 points", t.Verdict);
    }

    [Fact]
    public void Human_1_train_8_dev_10_is_avoidable_bias_and_human_7_5_makes_it_variance()
    {
        var bias = new BiasVarianceTable(0.01, 0.08, null, 0.10);
        Assert.Equal(ErrorGapKind.AvoidableBias, bias.Problem!.Kind);
        Assert.Equal(0.07, bias.AvoidableBias, 12);
        Assert.Contains("bigger model", bias.Verdict);

        var variance = new BiasVarianceTable(0.075, 0.08, null, 0.10);
        Assert.Equal(ErrorGapKind.Variance, variance.Problem!.Kind);
        Assert.Contains("without a train-dev set this gap mixes variance and data mismatch", variance.Verdict);
        Assert.Null(variance.DataMismatch);
    }

    [Fact]
    public void A_test_error_well_above_dev_is_overfitting_to_dev_and_small_gaps_are_no_problem()
    {
        var t = new BiasVarianceTable(0.01, 0.012, 0.014, 0.016, 0.06);
        Assert.Equal(ErrorGapKind.DevOverfitting, t.Problem!.Kind);
        Assert.Contains("bigger dev set", t.Verdict);
        Assert.Equal(4, t.Gaps.Count);

        var fine = new BiasVarianceTable(0.01, 0.012, 0.014, 0.016, 0.017);
        Assert.Null(fine.Problem);
        Assert.StartsWith("no gap above 0.5 points", fine.Verdict);
    }

    [Theory]
    [InlineData(-0.01, 0.1, 0.1)]
    [InlineData(0, 1.1, 0.1)]
    [InlineData(0, 0.1, double.NaN)]
    public void Errors_outside_0_1_are_refused(double human, double train, double dev)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new BiasVarianceTable(human, train, null, dev));
        Assert.Contains("must be an error rate in [0, 1]", e.Message);
    }

    [Fact]
    public void Of_a_network_measures_one_minus_its_accuracy_on_every_part()
    {
        var splits = Pipeline.Parse("mean,std").FitTransform(Split.Random(Digits.Load(), val: 200, test: 200, trainDev: 200, seed: 0));
        var net = Mlp.Create(new MlpOptions { InputSize = 64, Classes = 10, Hidden = [20] });
        new Trainer().Train(net, splits.Train, null, new TrainOptions { Optimizer = "adam", LearningRate = 1e-2, Epochs = 3, BatchSize = 100 });
        var t = BiasVarianceTable.Of(net, splits, humanError: 0.01);
        Assert.Equal(1 - net.Accuracy(splits.Train.X, splits.Train.Labels), t.TrainError, 12);
        Assert.Equal(1 - net.Accuracy(splits.TrainDev!.X, splits.TrainDev.Labels), t.TrainDevError!.Value, 12);
        Assert.Equal(1 - net.Accuracy(splits.Val!.X, splits.Val.Labels), t.DevError, 12);
        Assert.Equal(1 - net.Accuracy(splits.Test!.X, splits.Test.Labels), t.TestError!.Value, 12);
        Assert.Equal(0.01, t.HumanError);
        Assert.Throws<ArgumentException>(() => BiasVarianceTable.Of(net, splits with { Val = null }));
    }
}
