using MathNet.Numerics.LinearAlgebra;
using NotebookDL.Init;
using NotebookDL.Layers;
using NotebookDL.Losses;
using NotebookDL.Tensors;
using NotebookDL.Training;

namespace NotebookDL.Probes;

/// <summary>Settings of <see cref="ActivationStats"/>, with their defaults.</summary>
public sealed record ActivationStatsOptions
{
    /// <summary>Record only the non-linearities (activations, PReLU, maxout); false records every layer.</summary>
    public bool ActivationsOnly { get; init; } = true;

    /// <summary>Histogram bins.</summary>
    public int Bins { get; init; } = 50;

    /// <summary>
    /// Histogram range for every layer; null chooses per layer: [-1, 1] for tanh, [0, 1] for sigmoid and
    /// the data's [min, max] otherwise.
    /// </summary>
    public (double Low, double High)? Range { get; init; }

    /// <summary>tanh is saturated where |a| &gt; this, sigmoid where a &lt; 1 - this or a &gt; this.</summary>
    public double SaturationLevel { get; init; } = 0.99;

    public static ActivationStatsOptions Default { get; } = new();

    internal ActivationStatsOptions Validated()
    {
        if (Bins <= 0) throw new ArgumentOutOfRangeException(nameof(Bins), $"a histogram needs at least one bin, got {Bins}");
        if (Range is { } r && !(r.High > r.Low)) throw new ArgumentException($"histogram range must have low < high, got [{r.Low}, {r.High}]");
        if (!(SaturationLevel > 0.5 && SaturationLevel < 1))
            throw new ArgumentOutOfRangeException(nameof(SaturationLevel), $"saturation level must be in (0.5, 1), got {SaturationLevel}");
        return this;
    }
}

/// <summary>
/// What each layer's activations look like on a batch: the lecture's weight-initialisation probe. With
/// W = 0.01·randn a deep tanh net's activations shrink to 0 layer by layer; with W = randn they saturate at
/// ±1; with Xavier they keep a healthy spread; ReLU needs He's √(2/n_in) to keep it.
/// </summary>
public static class ActivationStats
{
    /// <summary>
    /// Runs x (N, D) forward through <paramref name="net"/> and returns each recorded layer's statistics.
    /// A training-mode pass would move batch norm's running averages; they are restored, so the probe leaves
    /// the network as it was (dropout still draws from its random source).
    /// </summary>
    public static ActivationReport OfNetwork(Network net, Matrix<double> x, Mode mode = Mode.Test, ActivationStatsOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(net);
        var o = (options ?? ActivationStatsOptions.Default).Validated();
        var rows = new List<LayerActivationStats>();
        void Record(int index, ILayer layer, Matrix<double> output)
        {
            if (!o.ActivationsOnly || IsNonLinearity(layer)) rows.Add(Of(output, layer, index, $"layer {index}", o));
        }

        var snapshot = mode == Mode.Train ? net.Snapshot() : null;
        net.LayerForwarded += Record;
        try
        {
            net.Forward(x, mode);
        }
        finally
        {
            net.LayerForwarded -= Record;
            if (snapshot is not null) net.Restore(snapshot);
        }
        return new ActivationReport($"activations of {x.RowCount} examples ({mode} mode)", rows);
    }

    /// <summary>
    /// The lecture's classic demo: X = randn(samples, units) through <paramref name="layers"/> hidden layers
    /// of <paramref name="units"/> units, each H = f(H·W) (no bias) with W from <paramref name="init"/>
    /// (default 0.01·randn), and each hidden layer's statistics ("hidden layer 1" .. "hidden layer L").
    /// </summary>
    /// <param name="layers">L, the number of hidden layers (the lecture: 10).</param>
    /// <param name="units">Width of the input and of every hidden layer (500).</param>
    /// <param name="samples">Rows of X (1000).</param>
    /// <param name="activation">An element-wise activation of <see cref="ActivationRegistry"/>: sigmoid, tanh, relu, leaky-relu, elu, ...</param>
    /// <param name="init">How W starts: small (the default), large, Xavier, He, ...</param>
    /// <param name="seed">Seed of X and of the weights.</param>
    /// <param name="options">Histogram bins, range and saturation level (only activations are recorded).</param>
    public static ActivationReport DeepNetExperiment(int layers = 10, int units = 500, int samples = 1000, string activation = "tanh",
        Initializer? init = null, int seed = 0, ActivationStatsOptions? options = null)
    {
        if (layers <= 0) throw new ArgumentOutOfRangeException(nameof(layers), $"the experiment needs at least one hidden layer, got {layers}");
        if (units <= 0) throw new ArgumentOutOfRangeException(nameof(units), $"hidden layers need a positive width, got {units}");
        if (samples <= 0) throw new ArgumentOutOfRangeException(nameof(samples), $"the experiment needs at least one sample, got {samples}");
        init ??= Initializer.Small;
        var o = (options ?? ActivationStatsOptions.Default).Validated() with { ActivationsOnly = true };

        var rng = new Rng(seed);
        var x = Mat.Gaussian(samples, units, rng); // X = np.random.randn(1000, 500)
        var stack = new List<ILayer>();
        for (int l = 0; l < layers; l++)
        {
            stack.Add(new Dense(units, units, init, rng, bias: false));
            stack.Add(Activation.Parse(activation));
        }
        // Only the hidden layers are probed: the loss is never computed.
        var net = new Network(units, stack, new SoftmaxCrossEntropy());
        var report = OfNetwork(net, x, Mode.Test, o);
        var rows = report.Rows.Select((r, i) => r with { Label = $"hidden layer {i + 1}" }).ToList();
        return new ActivationReport($"{layers} x {units} {stack[1].Name}, W: {init}, X = randn({samples}, {units})", rows);
    }

    /// <summary>The statistics of one layer's output a (N, D).</summary>
    public static LayerActivationStats Of(Matrix<double> a, ILayer layer, int layerIndex, string label, ActivationStatsOptions? options = null)
    {
        var o = (options ?? ActivationStatsOptions.Default).Validated();
        var v = a.Data();
        long count = v.Length;
        double sum = 0, min = double.PositiveInfinity, max = double.NegativeInfinity;
        long zeros = 0, saturated = 0;
        double level = o.SaturationLevel;
        foreach (var value in v)
        {
            sum += value;
            if (value < min) min = value;
            if (value > max) max = value;
            if (value == 0) zeros++;
            if (layer is Tanh ? Math.Abs(value) > level : value < 1 - level || value > level) saturated++;
        }
        double mean = count > 0 ? sum / count : double.NaN;
        double squares = 0;
        foreach (var value in v) squares += (value - mean) * (value - mean); // two passes: no cancellation
        double std = count > 0 ? Math.Sqrt(squares / count) : double.NaN;

        int n = a.RowCount, deadUnits = 0;
        for (int j = 0; j < a.ColumnCount && n > 0; j++)
        {
            int i = j * n, end = i + n;
            while (i < end && v[i] == 0) i++;
            if (i == end) deadUnits++;
        }

        var (low, high) = o.Range ?? layer switch
        {
            Tanh => (-1.0, 1.0),
            Sigmoid => (0.0, 1.0),
            _ when count > 0 && double.IsFinite(min) && double.IsFinite(max) => max > min ? (min, max) : (min - 0.5, max + 0.5),
            _ => (-1.0, 1.0),
        };
        bool saturates = layer is Tanh or Sigmoid;
        return new LayerActivationStats(layerIndex, layer.Name, label, count, mean, std, min, max,
            saturates && count > 0 ? (double)saturated / count : double.NaN,
            count > 0 ? (double)zeros / count : double.NaN,
            a.ColumnCount > 0 ? (double)deadUnits / a.ColumnCount : double.NaN,
            Histogram.Of(v, low, high, o.Bins));
    }

    /// <summary>The layers that are non-linearities: element-wise activations, PReLU and maxout.</summary>
    public static bool IsNonLinearity(ILayer layer) => layer is Activation or PReLU or Maxout;
}
