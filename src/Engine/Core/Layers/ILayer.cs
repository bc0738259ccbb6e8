using System.Numerics;
using MathNet.Numerics.LinearAlgebra;

namespace NotebookDL.Layers;

/// <summary>
/// One layer of a network, as in the cs231n layers: <see cref="Forward"/> computes the output and keeps
/// what <see cref="Backward"/> needs (the cache); <see cref="Backward"/> takes dCost/dOut and returns
/// dCost/dIn, leaving the parameters' gradients in <see cref="Parameters"/>. Inputs are mini-batches, one
/// example per row. T is the element type, float or double: a notebook's <c>class MyLayer : ILayer</c> is an
/// ILayer&lt;double&gt;.
/// </summary>
public interface ILayer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>A short description, e.g. "Dense 64→50" or "LeakyReLU(0.01)".</summary>
    string Name { get; }

    /// <summary>Forward pass of an (N, D_in) batch; returns (N, D_out) and caches what backward needs.</summary>
    Matrix<T> Forward(Matrix<T> x, Mode mode);

    /// <summary>Backward pass: dOut (N, D_out) of the last forward → dx (N, D_in); sets parameter gradients.</summary>
    Matrix<T> Backward(Matrix<T> dOut);

    /// <summary>The learned tensors (empty for parameter-free layers).</summary>
    IReadOnlyList<Parameter<T>> Parameters { get; }

    /// <summary>The output width for an input width, or an exception when the layer cannot take it.</summary>
    int OutputSize(int inputSize);

    /// <summary>The layer's kind and settings, enough with its parameters and buffers to rebuild it.</summary>
    LayerSpec Spec { get; }

    /// <summary>Non-learned state that must be saved with the network (batch norm's running averages).</summary>
    IReadOnlyDictionary<string, Matrix<T>> Buffers { get; }
}

/// <summary>
/// What a layer is, without its numbers: <c>Kind</c> (e.g. "Dense") and its numeric settings (e.g.
/// <c>inputs</c>, <c>outputs</c>, <c>bias</c>). Saved with the parameters so a network file can be rebuilt.
/// </summary>
public sealed record LayerSpec(string Kind, IReadOnlyDictionary<string, double> Settings)
{
    public static LayerSpec Of(string kind, params (string Key, double Value)[] settings) =>
        new(kind, settings.ToDictionary(s => s.Key, s => s.Value));

    public double this[string key] =>
        Settings.TryGetValue(key, out var v) ? v : throw new KeyNotFoundException($"layer {Kind} has no setting '{key}'");
}

/// <summary>
/// A layer that draws random numbers in its forward pass (dropout). A gradient check freezes it so that
/// repeated forward passes see the same randomness.
/// </summary>
public interface IStochasticLayer
{
    /// <summary>When true, the forward pass reuses its last random draw instead of drawing anew.</summary>
    bool Frozen { get; set; }
}
