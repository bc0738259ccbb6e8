using NotebookDL.Data;
using NotebookDL.Init;
using NotebookDL.Regularization;
using NotebookDL.Tensors;
using NotebookDL.Training;

namespace NotebookDL.Tests.Training;

/// <summary>
/// The lecture's babysitting checks on a CIFAR-shaped 3072-50-10 net (one hidden layer of 50 ReLU units),
/// with random Gaussian data standing in for CIFAR-10 until the loader lands.
/// </summary>
public class BabysittingTests
{
    private static Network Cifar2Layer(Initializer init, Regularizer? reg = null) => Mlp.Create(new MlpOptions
    {
        InputSize = 3072, Classes = 10, Hidden = [50], Activation = "relu", Init = init,
        Regularizer = reg ?? Regularizer.None, Seed = 1,
    });

    private static readonly Dataset Hundred = TrainingData.Gaussian(100, 3072, 10, seed: 5);

    /// <summary>One iteration over the whole set, with learning rate 0: just the initial cost.</summary>
    private static TrainingHistory FirstCost(Network net) =>
        new Trainer().Train(net, Hundred, null, new TrainOptions { LearningRate = 0, BatchSize = 100, Epochs = 1, TrainAccuracySamples = 10 });

    [Fact]
    public void The_initial_cost_with_small_weights_and_no_regularisation_is_ln_10()
    {
        var history = FirstCost(Cifar2Layer(Initializer.Gaussian(1e-4)));
        Assert.Equal(2.302585, Math.Log(10), 6);
        Assert.Equal(Math.Log(10), history.InitialCost, 0.01);
    }

    [Fact]
    public void Regularisation_makes_the_initial_cost_go_up()
    {
        // The lecture: with reg 1e3 the initial loss rose from 2.30 to 3.07. Here 0.5·1e3·ΣW² with
        // ~153,600 weights of std 1e-4 adds about 0.77.
        var net = Cifar2Layer(Initializer.Gaussian(1e-4), Regularizer.L2(1e3));
        var history = FirstCost(net);
        double sumOfSquares = net.Parameters.Where(p => p.Regularized).Sum(p => p.Value.Data().Sum(w => w * w));
        Assert.True(history.InitialCost > Math.Log(10) + 0.5, $"{history.InitialCost}");
        Assert.Equal(Math.Log(10) + 0.5 * 1e3 * sumOfSquares, history.InitialCost, 0.01);
        Assert.Equal(3.07, history.InitialCost, 0.05);
    }

    [Fact]
    public void A_2_layer_net_overfits_20_examples_to_train_accuracy_1_with_plain_sgd()
    {
        // The lecture: 20 examples, no regularisation, plain SGD -> cost ~0.003, train accuracy 1.00 (after 200
        // epochs at its learning rate; 20 epochs at lr 0.1 on this unit-variance data).
        var twenty = TrainingData.Gaussian(20, 3072, 10, seed: 3);
        var history = new Trainer().Train(Cifar2Layer(Initializer.Small), twenty, null,
            new TrainOptions { Optimizer = "sgd", LearningRate = 0.1, BatchSize = 20, Epochs = 20 });
        Assert.Equal(StopReason.Completed, history.StopReason);
        Assert.Equal(1.0, history.Epochs[^1].TrainAccuracy);
        Assert.True(history.Epochs[^1].Cost < 0.05, history.ToString());
        Assert.Equal(Math.Log(10), history.InitialCost, 0.1);
    }

    [Fact]
    public void A_learning_rate_of_1e_6_barely_moves_the_cost_and_the_verdict_says_too_low()
    {
        var twenty = TrainingData.Gaussian(20, 3072, 10, seed: 3);
        var o = new TrainOptions { Optimizer = "sgd", BatchSize = 20, Epochs = 10 };
        var tooLow = new Trainer().Train(Cifar2Layer(Initializer.Small), twenty, null, o with { LearningRate = 1e-6 });
        var verdict = TrainingVerdict.Of(tooLow);
        Assert.Equal(Diagnosis.LearningRateTooLow, verdict.Kind);
        Assert.EndsWith("the learning rate is probably too low", verdict.Message);
        Assert.Equal(tooLow.Epochs[0].Cost, tooLow.Epochs[^1].Cost, 0.01);

        // The same run at lr 0.1 moves the cost, and the verdict says so.
        var moving = new Trainer().Train(Cifar2Layer(Initializer.Small), twenty, null, o with { LearningRate = 0.1 });
        Assert.NotEqual(Diagnosis.LearningRateTooLow, TrainingVerdict.Of(moving).Kind);
        Assert.True(moving.Epochs[^1].Cost < 0.5 * moving.Epochs[0].Cost, moving.ToString());
    }
}
