using NotebookDL.Init;
using NotebookDL.Losses;
using NotebookDL.Optimizers;
using NotebookDL.Regularization;
using NotebookDL.Tensors;
using NotebookDL.Training;
using static NotebookDL.Tests.Training.SessionData;

namespace NotebookDL.Tests.Training;

/// <summary>
/// The trainer's step writes every layer's output and gradient into buffers it reuses: it must compute the
/// same numbers as <see cref="Network.ComputeGradients"/>, and must not overwrite a matrix handed out by an
/// ordinary forward pass.
/// </summary>
public class InPlaceStepTests
{
    [Theory]
    [InlineData("relu", true, 0.5, "softmax")]
    [InlineData("tanh", false, 0.0, "softmax")]
    [InlineData("elu", true, 0.0, "svm")]
    [InlineData("leaky-relu", false, 0.3, "sigmoid")]
    [InlineData("prelu", true, 0.2, "softmax")]
    [InlineData("maxout", false, 0.0, "softmax")]
    public void Three_in_place_steps_give_the_costs_gradients_and_parameters_of_ComputeGradients_bit_for_bit(
        string activation, bool batchNorm, double dropout, string loss)
    {
        var o = new MlpOptions
        {
            InputSize = 6, Classes = 3, Hidden = [5, 4], Activation = activation, BatchNorm = batchNorm, Dropout = dropout,
            Loss = loss, Init = Initializer.He, Regularizer = Regularizer.L2(0.01), Seed = 5,
        };
        Network reference = Mlp.Create(o), inPlace = Mlp.Create(o);
        IOptimizer refAdam = new Adam(), inPlaceAdam = new Adam();
        var rng = new Rng(9);
        foreach (int n in new[] { 20, 20, 7 }) // a smaller last batch takes new buffers
        {
            var x = Mat.Gaussian(n, 6, rng);
            var y = loss == "sigmoid" ? Labels(n, rng) : Enumerable.Range(0, n).Select(i => rng.NextInt(3)).ToArray();
            double expected = reference.ComputeGradients(x, y).Cost;
            double actual = inPlace.ComputeGradientsInPlace(x, y);
            Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(actual));
            var (refParams, inPlaceParams) = (reference.Parameters.ToArray(), inPlace.Parameters.ToArray());
            for (int k = 0; k < refParams.Length; k++) AssertBits(refParams[k].Grad, inPlaceParams[k].Grad, $"batch of {n}: d{refParams[k].Name}");
            refAdam.Step(refParams, 1e-2);
            inPlaceAdam.Step(inPlaceParams, 1e-2);
        }
        AssertBitIdentical(reference, inPlace, "after three steps");
    }

    [Fact]
    public void Scores_and_layer_outputs_kept_from_an_ordinary_forward_pass_survive_later_in_place_steps()
    {
        var net = Mlp.Create(TwoLayerBatchNorm(dropout: 0.5));
        var rng = new Rng(4);
        var x = Mat.Gaussian(10, 8, rng);
        var y = Enumerable.Range(0, 10).Select(i => i % 4).ToArray();
        net.ComputeGradientsInPlace(x, y); // the buffers exist

        var outputs = new List<MathNet.Numerics.LinearAlgebra.Matrix<double>>();
        void Keep(int index, Layers.ILayer<double> layer, MathNet.Numerics.LinearAlgebra.Matrix<double> output) => outputs.Add(output);
        net.LayerForwarded += Keep;
        var scores = net.Forward(x, Mode.Train);
        net.LayerForwarded -= Keep;
        var copies = outputs.Select(m => m.Clone()).ToArray();
        var scoresCopy = scores.Clone();

        net.ComputeGradientsInPlace(Mat.Gaussian(10, 8, rng), y);
        net.ComputeGradientsInPlace(Mat.Gaussian(10, 8, rng), y);

        Assert.Equal(scoresCopy, scores);
        for (int l = 0; l < outputs.Count; l++) Assert.Equal(copies[l], outputs[l]);
    }

    [Fact]
    public void An_in_place_step_hands_out_the_same_scores_matrix_each_time_and_a_plain_forward_a_new_one()
    {
        var net = Mlp.Create(TwoLayerBatchNorm());
        var x = Mat.Gaussian(10, 8, new Rng(5));
        var seen = new List<MathNet.Numerics.LinearAlgebra.Matrix<double>>();
        net.LayerForwarded += (_, _, output) => seen.Add(output);
        net.ComputeGradientsInPlace(x, new int[10]);
        net.ComputeGradientsInPlace(x, new int[10]);
        net.Forward(x, Mode.Train);
        int layers = net.Layers.Count;
        for (int l = 0; l < layers; l++)
        {
            Assert.Same(seen[l], seen[layers + l]);       // step 2 reused step 1's buffer
            Assert.NotSame(seen[l], seen[2 * layers + l]); // the ordinary pass did not
        }
    }

    [Theory]
    [InlineData("batchnorm")]
    [InlineData("dropout")]
    [InlineData("prelu")]
    public void A_backward_pass_given_dOut_of_the_wrong_shape_names_both_shapes(string kind)
    {
        // The layers write dx element by element into their buffers: a wrong dOut must not half-fill one.
        Layers.ILayer<double> layer = kind switch
        {
            "batchnorm" => new Layers.BatchNorm<double>(4),
            "dropout" => new Layers.Dropout<double>(0.5, seed: 1),
            _ => new Layers.PReLU<double>(4),
        };
        layer.Forward(Mat.Gaussian(6, 4, new Rng(2)), Mode.Train);
        var e = Assert.Throws<ArgumentException>(() => layer.Backward(Mat.Zeros(5, 4)));
        Assert.Contains("(5, 4)", e.Message);
        Assert.Contains("(6, 4)", e.Message);
    }

    /// <summary>(n, 3) labels in {0, 1} with a few missing (NaN).</summary>
    private static Targets Labels(int n, Rng rng)
    {
        var labels = Mat.Zeros(n, 3);
        var d = labels.Data();
        for (int k = 0; k < d.Length; k++) d[k] = k % 7 == 3 ? double.NaN : rng.NextInt(2);
        return Targets.OfLabels(labels);
    }
}
