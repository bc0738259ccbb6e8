using NotebookDL.Init;
using NotebookDL.Optimizers;
using NotebookDL.Tensors;
using NotebookDL.Training;

namespace NotebookDL.Tests.Training;

/// <summary>A training step reuses its big buffers: no megabytes on the large-object heap per step.</summary>
public class StepAllocationTests
{
    [Fact]
    public void A_3072_50_10_step_at_batch_200_allocates_well_under_the_size_of_one_dx()
    {
        var rng = new Rng(1);
        var x = Mat.Gaussian(200, 3072, rng);
        var y = Enumerable.Range(0, 200).Select(i => i % 10).ToArray();
        var net = Mlp.Create(new MlpOptions { InputSize = 3072, Classes = 10, Hidden = [50], Init = Initializer.Small, Seed = 1 });
        var parameters = net.Parameters.ToArray();
        var sgd = new Sgd();
        void Step()
        {
            net.ComputeGradients(x, y);
            sgd.Step(parameters, 1e-3);
        }
        Step(); // the first step creates the buffers
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 5; i++) Step();
        double perStep = (GC.GetAllocatedBytesForCurrentThread() - before) / 5.0;
        // dx of the first layer alone is 200 x 3072 doubles = 4.9 MB; what is left are the (200, 50) activations.
        Assert.True(perStep < 1_000_000, $"{perStep / 1e6:F2} MB allocated per step");
    }

    [Fact]
    public void A_dense_layer_returns_the_same_dx_buffer_while_the_batch_size_is_unchanged()
    {
        var rng = new Rng(2);
        var dense = new Layers.Dense(Mat.Gaussian(4, 3, rng));
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
