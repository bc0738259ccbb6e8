using System.Numerics;
using MathNet.Numerics.LinearAlgebra;
using NotebookDL.Tensors;

namespace NotebookDL.Layers;

/// <summary>
/// Base of the element-wise, parameter-free activations: out = f(x) and dx = f'(x) ⊙ dOut, shapes (N, D)
/// in and out. Subclasses write f and f' over whole spans (the built-in ones as one
/// <see cref="Elementwise"/> operation each, in Layers/Activations); this class keeps the cache (the input
/// and output of the last forward pass), the shape checks and the buffers. T is the element type, float or
/// double: <c>class Softsign : Activation</c> in a notebook is an Activation&lt;double&gt;.
/// </summary>
public abstract class Activation<T> : ILayer<T>, IReusesBuffers where T : unmanaged, IFloatingPointIeee754<T>
{
    private Matrix<T>? _x, _out;
    private Matrix<T>? _outBuffer, _dxBuffer; // what Forward and Backward return while buffers are reused
    private bool _reuse;
    private readonly Elementwise.SpanMap<T> _apply; // Apply as a delegate, made once, for the chunked pass

    protected Activation() => _apply = Apply;

    public abstract string Name { get; }
    public IReadOnlyList<Parameter<T>> Parameters => [];
    public IReadOnlyDictionary<string, Matrix<T>> Buffers { get; } = new Dictionary<string, Matrix<T>>();
    public abstract LayerSpec Spec { get; }
    public int OutputSize(int inputSize) => inputSize;

    public Matrix<T> Forward(Matrix<T> x, Mode mode)
    {
        var output = BuiltIn ? Mat.ReuseIf(_reuse, ref _outBuffer, x.RowCount, x.ColumnCount, x) : Mat.Zeros<T>(x.RowCount, x.ColumnCount);
        // A large batch runs on two threads; a subclass written elsewhere may keep state in Apply, so not it.
        if (BuiltIn) Elementwise.InChunks(x.Data(), output.Data(), _apply);
        else Apply(x.Data(), output.Data());
        _x = x;
        _out = output;
        return output;
    }

    /// <summary>dx = f'(x) ⊙ dOut (N, D); for the built-in activations, a buffer reused by the next Backward of the same shape.</summary>
    public Matrix<T> Backward(Matrix<T> dOut)
    {
        var x = _x ?? throw new InvalidOperationException($"{Name}: Backward called before Forward");
        if (dOut.RowCount != x.RowCount || dOut.ColumnCount != x.ColumnCount)
            throw new ArgumentException($"{Name}: dOut has shape {dOut.Shape()}, the forward output was {x.Shape()}");
        // A built-in activation reuses its dx buffer while the shape is unchanged (it writes every element).
        var dx = BuiltIn ? Mat.Reuse(ref _dxBuffer, x.RowCount, x.ColumnCount) : Mat.Zeros<T>(x.RowCount, x.ColumnCount);
        Gradient(x.Data(), _out!.Data(), dOut.Data(), dx.Data());
        return dx;
    }

    bool IReusesBuffers.ReuseBuffers { get => _reuse; set => _reuse = value; }

    /// <summary>
    /// One of the activations defined here, which write every element (so their outputs are not cleared
    /// first: megabytes per step) and keep no state in Apply (so a large batch may run on two threads). A
    /// subclass written elsewhere (in a notebook) gets zeroed outputs, one thread and no buffer reuse.
    /// </summary>
    private bool BuiltIn => GetType().Assembly == typeof(Activation<T>).Assembly;

    /// <summary>out = f(x), element-wise.</summary>
    protected abstract void Apply(ReadOnlySpan<T> x, Span<T> y);

    /// <summary>dx = f'(x) ⊙ dy, given x and y = f(x) (whichever is cheaper to use).</summary>
    protected abstract void Gradient(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx);

    /// <summary>
    /// The element-wise activation registered as <paramref name="name"/> (<see cref="ActivationRegistry"/>), with
    /// its default settings: "relu", "tanh", "sigmoid", "leaky-relu" (0.01), "elu" (alpha 1), ... "prelu" and
    /// "maxout" have weights and need the layer's width: use <see cref="PReLU"/> and <see cref="Maxout"/> directly.
    /// </summary>
    public static Activation<T> Parse(string name)
    {
        var entry = ActivationRegistry.Get(name ?? throw new ArgumentException("an activation name is needed, got null"));
        if (entry.Create(new ActivationSettings()) is not Activation<double> activation)
            throw new ArgumentException($"'{entry.Name}' is not an element-wise activation: it has weights and needs the layer's width " +
                                        $"(build its {entry.Kind} layer directly, or name it in MlpOptions.Activation)");
        return (Activation<T>)Training.Precision.Convert<double, T>(activation); // the registry builds doubles
    }
}
