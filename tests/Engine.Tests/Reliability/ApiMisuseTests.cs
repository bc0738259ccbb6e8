using NotebookDL.Data;
using NotebookDL.Init;
using NotebookDL.Layers;
using NotebookDL.Losses;
using NotebookDL.Optimizers;
using NotebookDL.Regularization;
using NotebookDL.Schedules;
using NotebookDL.Tensors;
using NotebookDL.Training;

namespace NotebookDL.Tests.Reliability;

/// <summary>
/// The engine's public API answers bad shapes and values with a clear exception (an ArgumentException or an
/// InvalidOperationException whose message names the problem), never an IndexOutOfRange or NullReference
/// from deep inside, and never a silent NaN.
/// </summary>
public class ApiMisuseTests
{
    private static readonly Rng R = new(0);

    public static TheoryData<string, Action> Misuses() => new()
    {
        { "Dense with the wrong input width", () => new Dense(3, 2, Initializer.Small, R).Forward(Mat.Zeros(4, 5), Mode.Train) },
        { "Dense backward before forward", () => new Dense(3, 2, Initializer.Small, R).Backward(Mat.Zeros(4, 2)) },
        { "Dense of size 0", () => new Dense(0, 2, Initializer.Small, R) },
        { "ReLU backward with the wrong shape", () => { var l = new ReLU(); l.Forward(Mat.Zeros(2, 3), Mode.Train); l.Backward(Mat.Zeros(3, 2)); } },
        { "PReLU backward with the wrong shape", () => { var l = new PReLU(3); l.Forward(Mat.Zeros(7, 3), Mode.Train); l.Backward(Mat.Zeros(1, 3)); } },
        { "PReLU with a NaN alpha", () => new PReLU(3, double.NaN) },
        { "leaky ReLU with a NaN slope", () => new LeakyReLU(double.NaN) },
        { "leaky ReLU with an infinite slope", () => new LeakyReLU(double.PositiveInfinity) },
        { "ELU with a NaN alpha", () => new ELU(double.NaN) },
        { "an activation named null", () => Activation.Parse(null!) },
        { "Maxout backward with the wrong shape", () => { var l = new Maxout(3, 5, 2, Initializer.Small, R); l.Forward(Mat.Zeros(2, 3), Mode.Train); l.Backward(Mat.Zeros(3, 4)); } },
        { "BatchNorm backward with a batch of another size", () => { var l = new BatchNorm(3); l.Forward(Mat.Zeros(2, 3), Mode.Train); l.Backward(Mat.Zeros(4, 3)); } },
        { "Dropout backward before forward", () => new Dropout(0.5, 0).Backward(Mat.Zeros(1, 3)) },
        { "Dropout backward with the wrong shape", () => { var l = new Dropout(0.5, 0); l.Forward(Mat.Zeros(2, 3), Mode.Train); l.Backward(Mat.Zeros(2, 4)); } },
        { "BatchNorm on an empty batch", () => new BatchNorm(3).Forward(Mat.Zeros(0, 3), Mode.Train) },
        { "BatchNorm with momentum 1", () => new BatchNorm(3, momentum: 1) },
        { "BatchNorm with eps NaN", () => new BatchNorm(3, eps: double.NaN) },
        { "Dropout with p = 1", () => new Dropout(1.0, 0) },
        { "Maxout with one piece", () => new Maxout(3, 2, 1, Initializer.Small, R) },
        { "PReLU of width 0", () => new PReLU(0) },
        { "softmax loss with a label out of range", () => new SoftmaxCrossEntropy().Compute(Mat.Zeros(2, 3), new[] { 0, 3 }) },
        { "softmax loss with too few labels", () => new SoftmaxCrossEntropy().Compute(Mat.Zeros(2, 3), new[] { 0 }) },
        { "SVM loss with a negative label", () => new MulticlassSvm().Compute(Mat.Zeros(2, 3), new[] { 0, -1 }) },
        { "sigmoid loss given class indices", () => new SigmoidCrossEntropy().Compute(Mat.Zeros(2, 3), new[] { 0, 1 }) },
        { "an SVM with a NaN margin", () => new MulticlassSvm(double.NaN) },
        { "sigmoid loss of an empty batch", () => new SigmoidCrossEntropy().Compute(Mat.Zeros(0, 3), Targets.OfLabels(Mat.Zeros(0, 3))) },
        { "argmax of scores with no classes", () => Softmax.ArgmaxRows(Mat.Zeros(3, 0)) },
        { "the targets of an example that does not exist", () => Targets.OfClasses([0, 1]).Rows([2]) },
        { "multi-label targets of 0.5", () => Targets.OfLabels(Mat.Filled(2, 2, 0.5)) },
        { "softmax of nothing", () => Softmax.Steps([]) },
        { "softmax of NaN", () => Softmax.Steps([1, double.NaN]) },
        { "a network with no layers", () => new Network(3, [], new SoftmaxCrossEntropy()) },
        { "a network whose layers do not fit", () => new Network(3, [new Dense(4, 2, Initializer.Small, R)], new SoftmaxCrossEntropy()) },
        { "a network fed the wrong width", () => Mlp.Create(new MlpOptions { InputSize = 4, Classes = 2 }).Forward(Mat.Zeros(2, 5), Mode.Test) },
        { "a network fed an empty batch", () => Mlp.Create(new MlpOptions { InputSize = 4, Classes = 2 }).Forward(Mat.Zeros(0, 4), Mode.Test) },
        { "accuracy in batches of 0", () => Mlp.Create(new MlpOptions { InputSize = 2, Classes = 2 }).Accuracy(Mat.Zeros(3, 2), [0, 1, 0], batchSize: 0) },
        { "accuracy in batches of -1", () => Mlp.Create(new MlpOptions { InputSize = 2, Classes = 2 }).Accuracy(Mat.Zeros(3, 2), [0, 1, 0], batchSize: -1) },
        { "restoring a ReLU network's snapshot into a PReLU network", () =>
              Mlp.Create(new MlpOptions { InputSize = 2, Classes = 2, Activation = "prelu" }).Restore(Mlp.Create(new MlpOptions { InputSize = 2, Classes = 2 }).Snapshot()) },
        { "an MLP with a negative hidden size", () => Mlp.Create(new MlpOptions { InputSize = 4, Classes = 2, Hidden = [-3] }) },
        { "an MLP with an unknown activation", () => Mlp.Create(new MlpOptions { InputSize = 4, Classes = 2, Activation = "swish" }) },
        { "an MLP with no hidden layer and an unknown activation", () => Mlp.Create(new MlpOptions { InputSize = 4, Classes = 2, Hidden = [], Activation = "sigmod" }) },
        { "an MLP with ELU's alpha NaN", () => Mlp.Create(new MlpOptions { InputSize = 4, Classes = 2, Activation = "elu", EluAlpha = double.NaN }) },
        { "an MLP with leaky ReLU's slope -∞", () => Mlp.Create(new MlpOptions { InputSize = 4, Classes = 2, Activation = "lrelu", LeakySlope = double.NegativeInfinity }) },
        { "an MLP with an unknown loss", () => Mlp.Create(new MlpOptions { InputSize = 4, Classes = 2, Loss = "mse" }) },
        { "an unknown initialiser", () => Initializer.Parse("glorious") },
        { "a negative init scale", () => Initializer.Parse("-0.1") },
        { "a Gaussian init of scale NaN", () => Initializer.Gaussian(double.NaN) },
        { "the std of Xavier weights with fan_in 0", () => Initializer.XavierNormal.Std(0, 3) },
        { "He weights with fan_out -1", () => Initializer.He.Create(3, -1, R) },
        { "an unknown optimiser", () => Optimizer.Parse("adagrad", null) },
        { "Adam with beta1 = 1", () => Optimizer.Parse("adam", new OptimizerOptions { Beta1 = 1 }) },
        { "an unknown schedule", () => Schedule.Parse("triangle", 1e-3) },
        { "negative regularisation", () => Regularizer.L2(-1) },
        { "an unknown regularisation kind", () => Regularizer.Parse("l3", 1) },
        { "a product of mismatched shapes", () => Ops.MatMul(Mat.Zeros(2, 3), Mat.Zeros(4, 5)) },
        { "a row outside the matrix", () => Mat.Zeros(2, 2).SelectRows([0, 2]) },
        { "a matrix with -1 rows", () => Mat.Zeros(-1, 2) },
        { "a matrix from rows of different lengths", () => Mat.OfRows([1, 2, 3], [4]) },
        { "a matrix from no rows", () => Mat.OfRows() },
        { "the mean over no rows", () => Ops.MeanRows(Mat.Zeros(0, 3)) },
        { "a dot product of vectors of different lengths", () => Ops.Dot([1.0, 2, 3, 4, 5], [1.0]) },
        { "a data set with fewer labels than rows", () => new Dataset("x", Mat.Zeros(3, 2), new[] { 0, 1 }) },
        { "a data set with a negative label", () => new Dataset("x", Mat.Zeros(2, 2), new[] { 0, -1 }) },
        { "a data set with a label of 2^31 - 1", () => new Dataset("x", Mat.Zeros(1, 2), new[] { int.MaxValue }) },
        { "a data set with a label that has no class name", () => new Dataset("x", Mat.Zeros(2, 2), new[] { 0, 2 }, ["a", "b"]) },
        { "a data set of images -1×1×3", () => new Dataset("x", Mat.Zeros(2, 3), new[] { 0, 1 }, image: new ImageShape(-1, 1, -3)) },
        { "a spiral with one class", () => Spiral.Create(10, 1) },
        { "a split asking for more than there is", () => Split.Random(Spiral.Create(10, 3), val: 100) },
        { "standardising data of ±1e308 (its std overflows)", () => new NotebookDL.Data.Preprocessing.Standardization().Fit(Mat.OfRows([1e308], [-1e308])) },
        { "the mean of two values of 1e308 (their sum overflows)", () => new NotebookDL.Data.Preprocessing.MeanSubtraction().Fit(Mat.OfRows([1e308], [1e308])) },
        { "PCA of data of ±1e308 (its covariance overflows)", () => new NotebookDL.Data.Preprocessing.Pca().Fit(Mat.OfRows([1e308, 1], [-1e308, 2], [0, 3])) },
        { "training with 0 epochs", () => new TrainOptions { Epochs = 0 }.Validate() },
        { "training with a NaN learning rate", () => new TrainOptions { LearningRate = double.NaN }.Validate() },
        { "training on data with NaN", () => new Trainer().Train(Mlp.Create(new MlpOptions { InputSize = 2, Classes = 3 }),
              new Dataset("nan", Mat.Filled(3, 2, double.NaN), new[] { 0, 1, 2 }), null, new TrainOptions()) },
        { "training on data of another width", () => new Trainer().Train(Mlp.Create(new MlpOptions { InputSize = 4, Classes = 3 }),
              Spiral.Create(10, 3), null, new TrainOptions()) },
        { "a CIFAR-10 file that does not exist", () => Cifar10.LoadFile("/nonexistent/data_batch_1.bin") },
        { "an MNIST folder that does not exist", () => Mnist.Load("/nonexistent/mnist") },
        { "a CSV that does not exist", () => CsvDataset.Load("/nonexistent/x.csv") },
        { "a network file that does not exist", () => NetworkFile.Load("/nonexistent/net.json") },
    };

    [Theory]
    [MemberData(nameof(Misuses))]
    public void Misuse_gives_a_clear_exception(string what, Action misuse)
    {
        var e = Record.Exception(misuse);
        Assert.NotNull(e);
        Assert.True(e is ArgumentException or InvalidOperationException or IOException or KeyNotFoundException,
            $"{what}: {e.GetType().Name}: {e.Message}");
        Assert.False(string.IsNullOrWhiteSpace(e.Message), what);
        Assert.DoesNotContain(ApiFuzzTests.DefaultMessages, m => e.Message.Contains(m, StringComparison.Ordinal));
    }
}
