using System.Text.Json.Nodes;
using NotebookDL.Init;
using NotebookDL.Layers;
using NotebookDL.Losses;
using NotebookDL.Regularization;
using NotebookDL.Tensors;
using NotebookDL.Training;

namespace NotebookDL.Tests.Core;

/// <summary>Saving and loading networks: exact round trips and clear errors.</summary>
public sealed class NetworkFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("notebookdl-networkfile-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string PathOf(string name) => Path.Combine(_dir, name);

    /// <summary>Dense → BatchNorm → PReLU → Dropout → Maxout(k=3) → BatchNorm → ELU → Dense, trained a few steps.</summary>
    private static (Network Net, MathNet.Numerics.LinearAlgebra.Matrix<double> X) TrainedNet()
    {
        var rng = new Rng(110);
        var layers = new ILayer[]
        {
            new Dense(6, 8, Initializer.He, rng, bias: false), new BatchNorm(8, momentum: 0.8), new PReLU(8), new Dropout(0.5, seed: 111),
            new Maxout(8, 5, 3, Initializer.XavierNormal, rng), new BatchNorm(5), new ELU(0.7), new Dense(5, 3, Initializer.XavierNormal, rng),
        };
        var net = new Network(6, layers, new MulticlassSvm(margin: 2), Regularizer.ElasticNet(1e-3, 0.3));
        var x = Mat.Gaussian(12, 6, rng);
        int[] y = [0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2];
        for (int step = 0; step < 5; step++)
        {
            net.ComputeGradients(x, y);
            foreach (var p in net.Parameters) p.Value.Subtract(p.Grad.Multiply(0.1), p.Value);
        }
        return (net, x);
    }

    [Fact]
    public void Save_then_load_gives_identical_predictions_parameters_buffers_and_history()
    {
        var (net, x) = TrainedNet();
        var path = PathOf("net.json");
        const string history = """{"epochs":[1,2],"loss":[2.3,1.9],"note":"λ = 1e-3 <best> \"so far\"\n"}""";
        NetworkFile.Save(net, path, history);

        var (loaded, loadedHistory) = NetworkFile.Load(path);
        Assert.Equal(history, loadedHistory);
        Assert.Equal(net.Forward(x, Mode.Test), loaded.Forward(x, Mode.Test)); // bit for bit
        Assert.Equal(net.Predict(x), loaded.Predict(x));
        Assert.Equal(net.InputSize, loaded.InputSize);
        Assert.Equal(net.Regularizer, loaded.Regularizer);
        Assert.Equal(2.0, Assert.IsType<MulticlassSvm>(loaded.Loss).Margin);
        for (int l = 0; l < net.Layers.Count; l++)
        {
            Assert.Equal(net.Layers[l].Spec.Kind, loaded.Layers[l].Spec.Kind);
            Assert.Equal(net.Layers[l].Spec.Settings, loaded.Layers[l].Spec.Settings);
            Assert.Equal(net.Layers[l].Parameters.Select(p => p.Value), loaded.Layers[l].Parameters.Select(p => p.Value));
            foreach (var (name, buffer) in net.Layers[l].Buffers) Assert.Equal(buffer, loaded.Layers[l].Buffers[name]);
        }
        Assert.Equal(((BatchNorm)net.Layers[1]).RunningVariance, ((BatchNorm)loaded.Layers[1]).RunningVariance);
    }

    [Fact]
    public void A_network_saved_without_history_loads_with_null_history_and_softmax_loss()
    {
        var net = Mlp.Create(new MlpOptions { InputSize = 4, Classes = 2, Hidden = [3], Activation = "leaky-relu", Seed = 9 });
        var path = PathOf("plain.json");
        NetworkFile.Save(net, path);
        var loaded = NetworkFile.Load(path);
        Assert.Null(loaded.HistoryJson);
        Assert.IsType<SoftmaxCrossEntropy>(loaded.Network.Loss);
        Assert.Equal(Regularizer.None, loaded.Network.Regularizer);
    }

    [Fact]
    public void NaN_and_extreme_weights_round_trip_bit_for_bit()
    {
        var dense = new Dense(Mat.OfRows([double.NaN, double.Epsilon], [-0.0, 1e308], [Math.PI, double.NegativeInfinity]));
        var net = new Network(3, [dense], new SigmoidCrossEntropy());
        var path = PathOf("odd.json");
        NetworkFile.Save(net, path);
        var w = ((Dense)NetworkFile.Load(path).Network.Layers[0]).W.Value.Data();
        Assert.Equal(dense.W.Value.Data().Select(BitConverter.DoubleToInt64Bits), w.Select(BitConverter.DoubleToInt64Bits));
    }

    [Fact]
    public void Every_layer_kind_is_rebuilt_from_its_spec()
    {
        var rng = new Rng(112);
        ILayer[] layers =
        [
            new Dense(3, 4, Initializer.He, rng), new Dense(3, 4, Initializer.He, rng, bias: false), new Sigmoid(), new Tanh(), new ReLU(),
            new LeakyReLU(0.05), new ELU(0.3), new PReLU(4), new Maxout(3, 4, 2, Initializer.He, rng), new BatchNorm(4, 0.95, 1e-8),
            new Dropout(0.25, seed: 17),
        ];
        Assert.Equal(LayerFactory.Kinds.Order(), layers.Select(l => l.Spec.Kind).Distinct().Order());
        foreach (var layer in layers)
        {
            var rebuilt = LayerFactory.Create(layer.Spec);
            Assert.Equal(layer.GetType(), rebuilt.GetType());
            Assert.Equal(layer.Spec.Settings, rebuilt.Spec.Settings);
            Assert.Equal(layer.Name, rebuilt.Name);
        }
    }

    [Fact]
    public void Loading_a_missing_file_is_a_file_not_found_error_naming_the_path()
    {
        var path = PathOf("nope.json");
        var e = Assert.Throws<FileNotFoundException>(() => NetworkFile.Load(path));
        Assert.Contains(path, e.Message);
    }

    [Theory]
    [InlineData("this is not json")]
    [InlineData("""{"hello": 1}""")]
    [InlineData("[1, 2, 3]")]
    public void Loading_something_else_says_it_is_not_a_NotebookDL_file(string text)
    {
        var path = PathOf("other.json");
        File.WriteAllText(path, text);
        var e = Assert.Throws<InvalidDataException>(() => NetworkFile.Load(path));
        Assert.Contains("not a NotebookDL network file", e.Message);
    }

    [Fact]
    public void Loading_a_truncated_file_is_an_error()
    {
        var (net, _) = TrainedNet();
        var text = NetworkFile.ToJson(net);
        var path = PathOf("cut.json");
        File.WriteAllText(path, text[..(text.Length / 2)]);
        Assert.Throws<InvalidDataException>(() => NetworkFile.Load(path));
    }

    [Fact]
    public void An_unknown_layer_kind_is_an_error_naming_the_kind_and_the_layer()
    {
        var e = LoadEdited(file => file["layers"]![6]!["kind"] = "Swish");
        Assert.Contains("layer 6", e.Message);
        Assert.Contains("unknown layer kind 'Swish'", e.Message);
    }

    [Fact]
    public void A_tensor_whose_shape_does_not_fit_its_layer_is_an_error()
    {
        var e = LoadEdited(file => file["layers"]![0]!["parameters"]![0]!["rows"] = 7);
        Assert.Contains("has shape (7, 8) in the file, the layer expects (6, 8)", e.Message);
    }

    [Fact]
    public void Layers_that_do_not_fit_together_are_an_error()
    {
        var e = LoadEdited(file => file["inputSize"] = 9);
        Assert.Contains("do not fit together", e.Message);
    }

    [Fact]
    public void Corrupted_tensor_values_are_an_error()
    {
        var e = LoadEdited(file => file["layers"]![0]!["parameters"]![0]!["data"] = "AAAA");
        Assert.Contains("'W' holds 0 values", e.Message);
        var bad = LoadEdited(file => file["layers"]![0]!["parameters"]![0]!["data"] = "not base64!");
        Assert.Contains("not valid base64", bad.Message);
    }

    private InvalidDataException LoadEdited(Action<JsonNode> edit)
    {
        var (net, _) = TrainedNet();
        var file = JsonNode.Parse(NetworkFile.ToJson(net))!;
        edit(file);
        var path = PathOf("edited.json");
        File.WriteAllText(path, file.ToJsonString());
        return Assert.Throws<InvalidDataException>(() => NetworkFile.Load(path));
    }
}
