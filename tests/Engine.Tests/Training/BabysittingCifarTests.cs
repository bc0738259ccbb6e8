using NotebookDL.Data;
using NotebookDL.Data.Preprocessing;
using NotebookDL.Init;
using NotebookDL.Training;
using Xunit.Abstractions;

namespace NotebookDL.Tests.Training;

/// <summary>The lecture's "overfit a tiny subset" check on real CIFAR-10 images (../shared/data/cifar10).</summary>
[Collection("real CIFAR-10")]
public class BabysittingCifarTests(ITestOutputHelper output)
{
    [SkippableFact]
    public void A_2_layer_net_overfits_20_real_cifar10_images_to_train_accuracy_1_with_plain_sgd()
    {
        var folder = SharedData.Require("cifar10");
        var twenty = Cifar10.LoadFile(Path.Combine(folder, "data_batch_1.bin"), maxRecords: 20);
        // Preprocess as the lecture does: subtract the mean image.
        var centred = new MeanSubtraction().FitTransform(twenty.X);
        var data = twenty.WithX(centred);
        var net = Mlp.Create(new MlpOptions { InputSize = 3072, Classes = 10, Hidden = [50], Init = Initializer.Gaussian(1e-4), Seed = 0 });

        // 20 examples, no regularisation, plain SGD, one batch of 20 per epoch, 200 epochs.
        var history = new Trainer().Train(net, data, null,
            new TrainOptions { Optimizer = "sgd", LearningRate = 1e-3, BatchSize = 20, Epochs = 200 });

        output.WriteLine(string.Join("\n", history.ToString().Split('\n').Where((_, i) => i % 20 == 0)));
        Assert.Equal(StopReason.Completed, history.StopReason);
        Assert.Equal(Math.Log(10), history.InitialCost, 0.01);
        Assert.Equal(1.0, history.Epochs[^1].TrainAccuracy);
        // The lecture reports cost ~0.0026 after 200 epochs.
        Assert.True(history.Costs[^1] < 0.01, $"final cost {history.Costs[^1]}");
    }
}
