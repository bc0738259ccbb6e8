using NotebookDL.Data;
using NotebookDL.Init;
using NotebookDL.Regularization;
using NotebookDL.Training;

namespace NotebookDL.Tests.Training;

/// <summary>Small networks and data for the training-session tests, and exact comparisons of network states.</summary>
internal static class SessionData
{
    /// <summary>130 examples of 8 features in 4 classes: batches of 50 give 50, 50 and a partial 30.</summary>
    public static readonly Dataset Train = TrainingData.Gaussian(130, 8, 4, seed: 11);

    public static readonly Dataset Val = TrainingData.Gaussian(40, 8, 4, seed: 12);

    /// <summary>The lecture's 2-layer batch-norm net: Dense 8→6 (no bias) → BatchNorm → activation → Dense 6→4.</summary>
    public static MlpOptions TwoLayerBatchNorm(string activation = "relu", double dropout = 0, double reg = 0) => new()
    {
        InputSize = 8, Classes = 4, Hidden = [6], BatchNorm = true, Activation = activation, Dropout = dropout,
        Init = Initializer.He, Regularizer = reg > 0 ? Regularizer.L2(reg) : Regularizer.None, Seed = 3,
    };

    public static TrainOptions Options(string optimizer = "sgd", int epochs = 2) => new()
    {
        Epochs = epochs, BatchSize = 50, Optimizer = optimizer, LearningRate = optimizer == "sgd" ? 0.1 : 1e-2, Seed = 7,
        TrainAccuracySamples = 60,
    };

    /// <summary>Every parameter and buffer (batch norm's running averages) equal to the bit.</summary>
    public static void AssertBitIdentical(Network expected, Network actual, string what)
    {
        Assert.Equal(expected.Layers.Count, actual.Layers.Count);
        for (int l = 0; l < expected.Layers.Count; l++)
        {
            var (e, a) = (expected.Layers[l], actual.Layers[l]);
            for (int k = 0; k < e.Parameters.Count; k++)
                AssertBits(e.Parameters[k].Value, a.Parameters[k].Value, $"{what}: layer {l} {e.Parameters[k].Name}");
            foreach (var (name, buffer) in e.Buffers) AssertBits(buffer, a.Buffers[name], $"{what}: layer {l} {name}");
        }
    }

    public static void AssertBits(MathNet.Numerics.LinearAlgebra.Matrix<double> expected, MathNet.Numerics.LinearAlgebra.Matrix<double> actual, string what)
    {
        var (e, a) = (NotebookDL.Tensors.Mat.Data(expected), NotebookDL.Tensors.Mat.Data(actual));
        Assert.True(e.Length == a.Length, $"{what}: {e.Length} values, got {a.Length}");
        for (int i = 0; i < e.Length; i++)
            Assert.True(BitConverter.DoubleToInt64Bits(e[i]) == BitConverter.DoubleToInt64Bits(a[i]), $"{what}: element {i} is {a[i]:R}, expected {e[i]:R}");
    }
}
