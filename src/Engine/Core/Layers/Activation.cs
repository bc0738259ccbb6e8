using System.Runtime.Intrinsics;
using MathNet.Numerics.LinearAlgebra;
using NotebookDL.Tensors;
using Vector = System.Numerics.Vector;
using Simd = System.Numerics.Vector<double>; // MathNet.Numerics.LinearAlgebra also has a Vector<T>

namespace NotebookDL.Layers;

/// <summary>
/// Base of the element-wise, parameter-free activations: out = f(x) and dx = f'(x) ⊙ dOut, shapes (N, D)
/// in and out. Subclasses write f and f' over whole spans; the cache is the input and output of the last
/// forward pass.
/// <para>
/// The built-in gradients run a vector of elements at a time (System.Numerics.Vector) with the same
/// operations, in the same order, as their scalar tail, so every element gets the same bits whatever the
/// vector width or its position in the span.
/// </para>
/// </summary>
public abstract class Activation : ILayer, IReusesBuffers
{
    /// <summary>Elements per parallel chunk of a large forward pass.</summary>
    private const int Chunk = 1 << 15;

    private Matrix<double>? _x, _out, _dx;
    private Matrix<double>? _outBuffer; // what Forward returns while ReuseBuffers is on
    private bool _reuse;

    public abstract string Name { get; }
    public IReadOnlyList<Parameter> Parameters => [];
    public IReadOnlyDictionary<string, Matrix<double>> Buffers { get; } = new Dictionary<string, Matrix<double>>();
    public abstract LayerSpec Spec { get; }
    public int OutputSize(int inputSize) => inputSize;

    public Matrix<double> Forward(Matrix<double> x, Mode mode)
    {
        var output = _reuse && BuiltIn && !ReferenceEquals(x, _outBuffer)
            ? Mat.Reuse(ref _outBuffer, x.RowCount, x.ColumnCount)
            : NewOutput(x.RowCount, x.ColumnCount);
        var (xd, yd) = (x.Data(), output.Data());
        int chunks = (xd.Length + Chunk - 1) / Chunk;
        if (BuiltIn && Ops.MaxThreads > 1 && chunks >= 4) ApplyInChunks(xd, yd, chunks);
        else Apply(xd, yd);
        _x = x;
        _out = output;
        return output;
    }

    /// <summary>
    /// Element-wise: chunks on up to two threads give the same numbers as one pass. (A method of its own,
    /// so that Forward's usual path does not allocate the lambda's closure.)
    /// </summary>
    private void ApplyInChunks(double[] xd, double[] yd, int chunks) =>
        Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = Ops.MaxThreads }, c =>
        {
            int start = c * Chunk, length = Math.Min(Chunk, xd.Length - start);
            Apply(xd.AsSpan(start, length), yd.AsSpan(start, length));
        });

    /// <summary>dx = f'(x) ⊙ dOut (N, D); for the built-in activations, a buffer reused by the next Backward of the same shape.</summary>
    public Matrix<double> Backward(Matrix<double> dOut)
    {
        var x = _x ?? throw new InvalidOperationException($"{Name}: Backward called before Forward");
        if (dOut.RowCount != x.RowCount || dOut.ColumnCount != x.ColumnCount)
            throw new ArgumentException($"{Name}: dOut has shape {dOut.Shape()}, the forward output was {x.Shape()}");
        // A built-in activation reuses its dx buffer while the shape is unchanged (it writes every element).
        var dx = BuiltIn ? Mat.Reuse(ref _dx, x.RowCount, x.ColumnCount) : Mat.Zeros(x.RowCount, x.ColumnCount);
        Gradient(x.Data(), _out!.Data(), dOut.Data(), dx.Data());
        return dx;
    }

    bool IReusesBuffers.ReuseBuffers { get => _reuse; set => _reuse = value; }

    /// <summary>
    /// An output the built-in activations overwrite entirely, so its storage is not cleared (megabytes per
    /// step); a subclass written elsewhere (in a notebook) gets zeros, in case it writes only some elements.
    /// </summary>
    private Matrix<double> NewOutput(int rows, int cols) => BuiltIn ? Mat.Uninitialized(rows, cols) : Mat.Zeros(rows, cols);

    /// <summary>One of the activations defined here (which write every element and keep no state in Apply).</summary>
    private bool BuiltIn => GetType().Assembly == typeof(Activation).Assembly;

    /// <summary>y = f(x), element-wise.</summary>
    protected abstract void Apply(ReadOnlySpan<double> x, Span<double> y);

    /// <summary>dx = f'(x) ⊙ dy, given x and y = f(x) (whichever is cheaper to use).</summary>
    protected abstract void Gradient(ReadOnlySpan<double> x, ReadOnlySpan<double> y, ReadOnlySpan<double> dy, Span<double> dx);

    /// <summary>
    /// The activation by name: "sigmoid", "tanh", "relu", "leaky-relu" (0.01), "elu" (alpha 1), "prelu"
    /// (needs the layer width; use <see cref="PReLU"/> directly).
    /// </summary>
    public static Activation Parse(string name) => (name ?? throw new ArgumentException("an activation name is needed, got null")).Trim().ToLowerInvariant() switch
    {
        "sigmoid" => new Sigmoid(),
        "tanh" => new Tanh(),
        "relu" => new ReLU(),
        "leaky-relu" or "leakyrelu" or "leaky_relu" or "lrelu" => new LeakyReLU(),
        "elu" => new ELU(),
        _ => throw new ArgumentException($"unknown activation '{name}': use sigmoid, tanh, relu, leaky-relu, elu, prelu or maxout"),
    };
}

/// <summary>σ(x) = 1 / (1 + e^-x); σ' = σ(1 - σ). Saturates and is not zero-centred.</summary>
public sealed class Sigmoid : Activation
{
    public override string Name => "Sigmoid";
    public override LayerSpec Spec => LayerSpec.Of("Sigmoid");

    /// <summary>A numerically stable σ for any finite x (no overflow of e^-x for very negative x).</summary>
    public static double Function(double x) => x >= 0 ? 1 / (1 + Math.Exp(-x)) : Math.Exp(x) / (1 + Math.Exp(x));

    protected override void Apply(ReadOnlySpan<double> x, Span<double> y) => VectorMath.Sigmoid(x, y); // 8 lanes at a time

    protected override void Gradient(ReadOnlySpan<double> x, ReadOnlySpan<double> y, ReadOnlySpan<double> dy, Span<double> dx)
    {
        int i = 0, w = Simd.Count;
        if (Vector.IsHardwareAccelerated)
        {
            for (; i <= y.Length - w; i += w)
            {
                var s = new Simd(y.Slice(i));
                (s * (Simd.One - s) * new Simd(dy.Slice(i))).CopyTo(dx.Slice(i));
            }
        }
        for (; i < y.Length; i++) dx[i] = y[i] * (1 - y[i]) * dy[i];
    }
}

/// <summary>tanh(x); tanh' = 1 - tanh². Zero-centred, still saturates.</summary>
public sealed class Tanh : Activation
{
    public override string Name => "Tanh";
    public override LayerSpec Spec => LayerSpec.Of("Tanh");

    protected override void Apply(ReadOnlySpan<double> x, Span<double> y) => VectorMath.Tanh(x, y); // 8 lanes at a time

    protected override void Gradient(ReadOnlySpan<double> x, ReadOnlySpan<double> y, ReadOnlySpan<double> dy, Span<double> dx)
    {
        int i = 0, w = Simd.Count;
        if (Vector.IsHardwareAccelerated)
        {
            for (; i <= y.Length - w; i += w)
            {
                var t = new Simd(y.Slice(i));
                ((Simd.One - t * t) * new Simd(dy.Slice(i))).CopyTo(dx.Slice(i));
            }
        }
        for (; i < y.Length; i++) dx[i] = (1 - y[i] * y[i]) * dy[i];
    }
}

/// <summary>max(0, x); gradient 1 for x &gt; 0 and 0 otherwise (a unit whose inputs stay negative is "dead").</summary>
public sealed class ReLU : Activation
{
    public override string Name => "ReLU";
    public override LayerSpec Spec => LayerSpec.Of("ReLU");

    protected override void Apply(ReadOnlySpan<double> x, Span<double> y)
    {
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; i <= x.Length - Vector256<double>.Count; i += Vector256<double>.Count)
            {
                var v = Vector256.Create(x.Slice(i, Vector256<double>.Count));
                Vector256.ConditionalSelect(Vector256.LessThanOrEqual(v, Vector256<double>.Zero), Vector256<double>.Zero, v).CopyTo(y.Slice(i));
            }
        }
        for (; i < x.Length; i++) y[i] = x[i] <= 0 ? 0 : x[i]; // NaN passes through, as numpy's maximum(0, x)
    }

    protected override void Gradient(ReadOnlySpan<double> x, ReadOnlySpan<double> y, ReadOnlySpan<double> dy, Span<double> dx)
    {
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; i <= x.Length - Vector256<double>.Count; i += Vector256<double>.Count)
            {
                var open = Vector256.GreaterThan(Vector256.Create(x.Slice(i, Vector256<double>.Count)), Vector256<double>.Zero);
                Vector256.ConditionalSelect(open, Vector256.Create(dy.Slice(i, Vector256<double>.Count)), Vector256<double>.Zero).CopyTo(dx.Slice(i));
            }
        }
        for (; i < x.Length; i++) dx[i] = x[i] > 0 ? dy[i] : 0;
    }
}

/// <summary>max(slope·x, x) with a fixed slope (0.01 by default): never fully dead.</summary>
public sealed class LeakyReLU(double slope = 0.01) : Activation
{
    // A NaN or infinite slope would turn every negative input into NaN or -∞.
    public double Slope { get; } = double.IsFinite(slope) ? slope : throw new ArgumentOutOfRangeException(nameof(slope), slope, $"the leaky ReLU's slope must be a finite number, got {slope}");
    public override string Name => $"LeakyReLU({Slope:G3})";
    public override LayerSpec Spec => LayerSpec.Of("LeakyReLU", ("slope", Slope));

    protected override void Apply(ReadOnlySpan<double> x, Span<double> y)
    {
        int i = 0, w = Simd.Count;
        if (Vector.IsHardwareAccelerated)
        {
            var slope = new Simd(Slope);
            for (; i <= x.Length - w; i += w)
            {
                var v = new Simd(x.Slice(i));
                Vector.ConditionalSelect(Vector.GreaterThan(v, Simd.Zero), v, slope * v).CopyTo(y.Slice(i));
            }
        }
        for (; i < x.Length; i++) y[i] = x[i] > 0 ? x[i] : Slope * x[i]; // NaN: Slope·NaN = NaN
    }

    protected override void Gradient(ReadOnlySpan<double> x, ReadOnlySpan<double> y, ReadOnlySpan<double> dy, Span<double> dx)
    {
        int i = 0, w = Simd.Count;
        if (Vector.IsHardwareAccelerated)
        {
            var slope = new Simd(Slope);
            for (; i <= x.Length - w; i += w)
            {
                var d = new Simd(dy.Slice(i));
                Vector.ConditionalSelect(Vector.GreaterThan(new Simd(x.Slice(i)), Simd.Zero), d, slope * d).CopyTo(dx.Slice(i));
            }
        }
        for (; i < x.Length; i++) dx[i] = x[i] > 0 ? dy[i] : Slope * dy[i];
    }
}

/// <summary>ELU: x for x &gt; 0, alpha (e^x - 1) otherwise; gradient 1 or alpha e^x = y + alpha.</summary>
public sealed class ELU(double alpha = 1.0) : Activation
{
    public double Alpha { get; } = double.IsFinite(alpha) ? alpha : throw new ArgumentOutOfRangeException(nameof(alpha), alpha, $"ELU's alpha must be a finite number, got {alpha}");
    public override string Name => $"ELU({Alpha:G3})";
    public override LayerSpec Spec => LayerSpec.Of("ELU", ("alpha", Alpha));

    protected override void Apply(ReadOnlySpan<double> x, Span<double> y)
    {
        VectorMath.Expm1OfNonPositive(x, y); // e^x - 1 on the negative side, vectorised
        int i = 0, w = Simd.Count;
        if (Vector.IsHardwareAccelerated)
        {
            var alpha = new Simd(Alpha);
            for (; i <= x.Length - w; i += w)
            {
                var v = new Simd(x.Slice(i));
                Vector.ConditionalSelect(Vector.GreaterThan(v, Simd.Zero), v, alpha * new Simd(y.Slice(i))).CopyTo(y.Slice(i));
            }
        }
        for (; i < x.Length; i++) y[i] = x[i] > 0 ? x[i] : Alpha * y[i];
    }

    protected override void Gradient(ReadOnlySpan<double> x, ReadOnlySpan<double> y, ReadOnlySpan<double> dy, Span<double> dx)
    {
        int i = 0, w = Simd.Count;
        if (Vector.IsHardwareAccelerated)
        {
            var alpha = new Simd(Alpha);
            for (; i <= x.Length - w; i += w)
            {
                var d = new Simd(dy.Slice(i));
                var negative = (new Simd(y.Slice(i)) + alpha) * d; // alpha·e^x = y + alpha
                Vector.ConditionalSelect(Vector.GreaterThan(new Simd(x.Slice(i)), Simd.Zero), d, negative).CopyTo(dx.Slice(i));
            }
        }
        for (; i < x.Length; i++) dx[i] = x[i] > 0 ? dy[i] : (y[i] + Alpha) * dy[i];
    }
}
