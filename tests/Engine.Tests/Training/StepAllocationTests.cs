using MathNet.Numerics.LinearAlgebra;
using NotebookDL.Data;
using NotebookDL.Init;
using NotebookDL.Losses;
using NotebookDL.Optimizers;
using NotebookDL.Tensors;
using NotebookDL.Training;

namespace NotebookDL.Tests.Training;

/// <summary>
/// A training step reuses its buffers: once the first step has sized them, a step allocates nothing, so
/// a long run makes no garbage. (Before the buffers, a 3072-50-10 step at batch 200 allocated ~200 KB,
/// ~690 KB with batch norm and dropout; with Parallel.For in the products, ~9 KB.) Bytes are counted on
/// the calling thread, where the whole step runs but for the products' helper threads.
/// </summary>
public class StepAllocationTests
{
    private static readonly Matrix<double> X = Mat.Gaussian(200, 3072, new Rng(1));
    private static readonly Targets Y = Enumerable.Range(0, 200).Select(i => i % 10).ToArray();

    [Theory]
    [InlineData("sgd", false)]
    [InlineData("adam", false)]
    [InlineData("sgd", true)]
    [InlineData("adam", true)]
    public void A_3072_50_10_step_at_batch_200_allocates_under_256_bytes(string optimizer, bool batchNormAndDropout)
    {
        var net = Mlp.Create(new MlpOptions
        {
            InputSize = 3072, Classes = 10, Hidden = [50], Init = Initializer.Small, Seed = 1,
            BatchNorm = batchNormAndDropout, Dropout = batchNormAndDropout ? 0.5 : 0,
        });
        var parameters = net.Parameters.ToArray();
        var rule = Optimizer.Parse(optimizer);
        void Step()
        {
            net.ComputeGradientsInPlace(X, Y); // the trainer's step
            rule.Step(parameters, 1e-3);
        }
        Step();
        Step(); // the first steps size the buffers and the optimiser's state
        // The quietest of five runs of 5 steps: an allocation made every step shows in each, while the thread
        // pool's queue (shared with the tests running alongside) may grow, once, while the products queue helpers.
        double perStep = double.MaxValue;
        for (int run = 0; run < 5; run++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 5; i++) Step();
            perStep = Math.Min(perStep, (GC.GetAllocatedBytesForCurrentThread() - before) / 5.0);
        }
        // The activations alone are (200, 50) doubles = 80 KB a layer, the scores 16 KB.
        Assert.True(perStep < 256, $"{perStep:F0} bytes allocated per step");
    }

    [Fact]
    public void A_step_never_makes_the_gradient_of_the_data()
    {
        // dx of the first layer would be (200, 3072) doubles, 4.9 MB, and a product as large as the forward one;
        // nothing reads it, so the trainer's step leaves it out (Dense's ParameterGradients). Its first step
        // sizes every other buffer: the layers' outputs and gradients, ~0.5 MB.
        var net = Mlp.Create(new MlpOptions { InputSize = 3072, Classes = 10, Hidden = [50], Init = Initializer.Small, Seed = 1 });
        net.ComputeGradientsInPlace(Mat.Gaussian(201, 3072, new Rng(2)), Enumerable.Range(0, 201).Select(i => i % 10).ToArray()); // the products' scratch
        var (x, y) = (X, Y); // made before counting
        long before = GC.GetAllocatedBytesForCurrentThread();
        net.ComputeGradientsInPlace(x, y); // a new batch size: every buffer made again
        long first = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(first < 2_000_000, $"{first:N0} bytes allocated by the first step of 200");
        // The full backward pass still gives dx (ComputeGradients and Backward are unchanged).
        Assert.Equal((200, 3072), (net.Backward(Mat.Zeros(200, 10)).RowCount, 3072));
    }

    [Theory]
    [InlineData("sgd", false, null)]
    [InlineData("adam", true, null)]
    [InlineData("sgd", false, Dtype.Float64)] // examples stored as rows: each batch gathered just in time
    [InlineData("adam", true, Dtype.Float32)] // float32 rows, trained in float32
    public void A_trainer_s_steps_allocate_only_the_iteration_report_its_listener_asks_for(string optimizer, bool batchNormAndDropout, Dtype? rows)
    {
        // 100 mini-batches of 30 per epoch; a product this small runs on the calling thread.
        var data = TrainingData.Gaussian(3000, 20, 10, seed: 3);
        if (rows is Dtype dtype) data = data.AsRows(dtype);
        var net = Mlp.Create(new MlpOptions
        {
            InputSize = 20, Classes = 10, Hidden = [50], Init = Initializer.He, Seed = 2,
            BatchNorm = batchNormAndDropout, Dropout = batchNormAndDropout ? 0.5 : 0,
        });
        // Bytes at iterations 5, 23, .., 95: five windows of 18 steps. The quietest one counts, as above: an
        // allocation made every step shows in each, a one-off (the thread pool's queue growing) in one only.
        var at = new long[6];
        var trainer = new Trainer();
        trainer.IterationCompleted += r =>
        {
            if (r.Iteration >= 5 && (r.Iteration - 5) % 18 == 0) at[(r.Iteration - 5) / 18] = GC.GetAllocatedBytesForCurrentThread();
        };
        var history = trainer.Train(net, data, null, new TrainOptions { Epochs = 1, BatchSize = 30, Optimizer = optimizer, LearningRate = 1e-3, Dtype = rows ?? Dtype.Float64 });
        Assert.Equal(100, history.Iterations);
        var perStep = Enumerable.Range(0, 5).Select(w => (at[w + 1] - at[w]) / 18.0).ToArray();
        // An IterationReport is 40 bytes; a batch's targets alone would be 30 ints = 144 bytes.
        Assert.True(perStep.Min() <= 48, $"bytes allocated per step in five windows of 18: {string.Join(", ", perStep.Select(b => b.ToString("F0")))}");
    }

    [Fact]
    public void A_dense_layer_returns_the_same_dx_buffer_while_the_batch_size_is_unchanged()
    {
        var rng = new Rng(2);
        var dense = new Layers.Dense<double>(Mat.Gaussian(4, 3, rng));
        var x = Mat.Gaussian(5, 4, rng);
        dense.Forward(x, Mode.Train);
        var dx1 = dense.Backward(Mat.Gaussian(5, 3, rng));
        var expected = Ops.MatMulTransB(Mat.Filled(5, 3, 1.0), dense.W.Value);
        dense.Forward(x, Mode.Train);
        var dx2 = dense.Backward(Mat.Filled(5, 3, 1.0));
        Assert.Same(dx1, dx2);
        Assert.Equal(expected, dx2);
        dense.Forward(Mat.Gaussian(6, 4, rng), Mode.Train);
        Assert.NotSame(dx1, dense.Backward(Mat.Filled(6, 3, 1.0))); // another batch size, another buffer
    }
}
