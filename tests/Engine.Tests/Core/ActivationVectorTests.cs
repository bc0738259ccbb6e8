using NotebookDL.Layers;
using NotebookDL.Tensors;

namespace NotebookDL.Tests.Core;

/// <summary>
/// The built-in activations run whole vectors of elements at a time: each element of a batch must come out
/// exactly as it does alone (where only the scalar formula runs), forward and backward.
/// </summary>
public class ActivationVectorTests
{
    [Theory]
    [InlineData("sigmoid")]
    [InlineData("tanh")]
    [InlineData("relu")]
    [InlineData("leaky-relu")]
    [InlineData("elu")]
    public void Each_element_of_a_7_by_9_batch_gets_the_out_and_dx_it_gets_alone(string name)
    {
        var rng = new Rng(11);
        var x = Mat.Gaussian(7, 9, rng, scale: 3);
        var dOut = Mat.Gaussian(7, 9, rng);
        var batch = Activation.Parse(name);
        var output = batch.Forward(x, Mode.Train).Data().ToArray();
        var dx = batch.Backward(dOut).Data();

        var single = Activation.Parse(name);
        for (int k = 0; k < output.Length; k++)
        {
            var outAlone = single.Forward(Mat.Row(x.Data()[k]), Mode.Train)[0, 0];
            var dxAlone = single.Backward(Mat.Row(dOut.Data()[k]))[0, 0];
            Assert.Equal(outAlone, output[k]); // bit for bit
            Assert.Equal(dxAlone, dx[k]);
        }
        Assert.Contains(x.Data(), v => v < 0); // both sides of the kink are exercised
        Assert.Contains(x.Data(), v => v > 0);
    }
}
