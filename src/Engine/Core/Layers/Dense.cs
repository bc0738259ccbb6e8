using System.Numerics;
using MathNet.Numerics.LinearAlgebra;
using NotebookDL.Init;
using NotebookDL.Tensors;

namespace NotebookDL.Layers;

/// <summary>
/// Affine layer: out = x·W + b, with x (N, D), W (D, M), b (1, M), out (N, M). The bias is optional: a
/// Dense followed by batch norm drops it, since the mean subtraction cancels it and beta takes its role.
/// T is the element type, float or double (<c>Dense</c> is Dense&lt;double&gt;).
/// </summary>
public sealed class Dense<T> : ILayer<T>, IReusesBuffers, IParameterGradients<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Parameter<T>[] _parameters;
    private Matrix<T>? _x;  // cache: the input of the last forward pass
    private Matrix<T>? _dxBuffer;  // the (N, D) dx Backward returns, reused while N is unchanged
    private Matrix<T>? _outBuffer; // the (N, M) output Forward returns while buffers are reused
    private bool _reuse;

    /// <summary>A layer with the given initial weights (D, M) and, when <paramref name="bias"/>, a zero bias.</summary>
    public Dense(Matrix<T> weights, bool bias = true)
    {
        W = new Parameter<T>("W", weights, regularized: true);
        B = bias ? new Parameter<T>("b", Mat.Zeros<T>(1, weights.ColumnCount), regularized: false) : null;
        _parameters = B is null ? [W] : [W, B];
    }

    /// <summary>A (inputs → outputs) layer whose weights come from <paramref name="init"/>.</summary>
    public Dense(int inputs, int outputs, Initializer init, Rng rng, bool bias = true)
        : this(Mat.To<T>(CheckedCreate(inputs, outputs, init, rng)), bias) { }

    /// <summary>Weights W (D, M).</summary>
    public Parameter<T> W { get; }

    /// <summary>Bias b (1, M), or null when the layer has none.</summary>
    public Parameter<T>? B { get; }

    public int Inputs => W.Value.RowCount;
    public int Outputs => W.Value.ColumnCount;
    public string Name => B is null ? $"Dense {Inputs}→{Outputs} (no bias)" : $"Dense {Inputs}→{Outputs}";
    public IReadOnlyList<Parameter<T>> Parameters => _parameters;
    public IReadOnlyDictionary<string, Matrix<T>> Buffers { get; } = new Dictionary<string, Matrix<T>>();
    public LayerSpec Spec => LayerSpec.Of("Dense", ("inputs", Inputs), ("outputs", Outputs), ("bias", B is null ? 0 : 1));

    public int OutputSize(int inputSize) =>
        inputSize == Inputs ? Outputs : throw new ArgumentException($"{Name} takes {Inputs} inputs, got {inputSize}");

    public Matrix<T> Forward(Matrix<T> x, Mode mode)
    {
        if (x.ColumnCount != Inputs)
            throw new ArgumentException($"{Name} expects input of shape (N, {Inputs}), got {x.Shape()}");
        _x = x;
        // A training step writes into the same (N, M) buffer each time (never the input: a layer fed its own output gets a new one).
        var output = Mat.ReuseIf(_reuse, ref _outBuffer, x.RowCount, Outputs, x);
        Ops.MatMulInto(x, W.Value, output); // overwrites every element
        if (B is not null) Ops.AddRowVector(output, B.Value);
        return output;
    }

    /// <summary>
    /// dW and db into the parameters' gradients; returns dx (N, D). The returned matrix is this layer's
    /// buffer, reused by its next Backward with the same N (a training step then allocates nothing large):
    /// copy it to keep it longer.
    /// </summary>
    public Matrix<T> Backward(Matrix<T> dOut)
    {
        ParameterGradients(dOut);
        var dx = Mat.Reuse(ref _dxBuffer, _x!.RowCount, Inputs);
        Ops.MatMulTransBInto(dOut, W.Value, dx);      // dx = dOut·Wᵀ   (N, D)
        return dx;
    }

    /// <inheritdoc/>
    public void ParameterGradients(Matrix<T> dOut)
    {
        var x = _x ?? throw new InvalidOperationException($"{Name}: Backward called before Forward");
        if (dOut.RowCount != x.RowCount || dOut.ColumnCount != Outputs)
            throw new ArgumentException($"{Name}: dOut has shape {dOut.Shape()}, the forward output was ({x.RowCount}, {Outputs})");
        // Written straight into the gradients: no (D, M) temporary per step.
        Ops.MatMulTransAInto(x, dOut, W.Grad);        // dW = xᵀ·dOut   (D, M)
        if (B is not null) Ops.SumRowsInto(dOut, B.Grad); // db = Σ_n dOut  (1, M)
    }

    bool IReusesBuffers.ReuseBuffers { get => _reuse; set => _reuse = value; }

    private static Matrix<double> CheckedCreate(int inputs, int outputs, Initializer init, Rng rng)
    {
        if (inputs <= 0 || outputs <= 0)
            throw new ArgumentOutOfRangeException(nameof(inputs), $"a dense layer needs positive sizes, got {inputs}→{outputs}");
        return init.Create(inputs, outputs, rng);
    }
}
