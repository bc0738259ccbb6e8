using System.Numerics;
using MathNet.Numerics.LinearAlgebra;
using NotebookDL.Tensors;

namespace NotebookDL.Layers;

/// <summary>
/// Inverted dropout (Srivastava et al. 2014): in training each unit is zeroed with probability
/// <see cref="DropProbability"/> and the survivors are scaled by 1/(1 - p), so nothing changes at test time,
/// where the layer is the identity. x (N, D) → out (N, D). T is the element type, float or double; the mask
/// draws are the same in both.
/// </summary>
public sealed class Dropout<T> : ILayer<T>, IStochasticLayer, IReusesBuffers where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Rng _rng;
    private Matrix<T>? _mask; // cache: 0 or 1/(1-p) per element, null after a test-mode pass
    private (int Rows, int Columns)? _shape; // of the last forward pass; null before the first

    // What a training step writes into while the trainer reuses buffers (see IReusesBuffers).
    private bool _reuse;
    private Matrix<T>? _maskBuffer, _outBuffer, _dxBuffer;

    /// <param name="dropProbability">p, the probability of zeroing a unit (commonly 0.5).</param>
    /// <param name="seed">Seed of the masks' random source.</param>
    public Dropout(double dropProbability, int seed) : this(dropProbability, seed, new Rng(seed)) { }

    /// <summary>
    /// A dropout layer drawing its masks from <paramref name="source"/>: the same layer in another precision
    /// (<see cref="Training.Precision.Convert{TFrom, TTo}(ILayer{TFrom})"/>) shares its original's source, so a run
    /// on the copy advances the original's stream as a run on the original would.
    /// </summary>
    internal Dropout(double dropProbability, int seed, Rng source)
    {
        if (!(dropProbability >= 0 && dropProbability < 1))
            throw new ArgumentOutOfRangeException(nameof(dropProbability), $"dropout probability must be in [0, 1), got {dropProbability}");
        DropProbability = dropProbability;
        Seed = seed;
        _rng = source;
    }

    /// <summary>The masks' random source (shared with this layer's copies in the other precision).</summary>
    internal Rng Source => _rng;

    public double DropProbability { get; }
    public int Seed { get; }
    public bool Frozen { get; set; }
    public string Name => $"Dropout(p={DropProbability:G3})";
    public IReadOnlyList<Parameter<T>> Parameters => [];
    public IReadOnlyDictionary<string, Matrix<T>> Buffers { get; } = new Dictionary<string, Matrix<T>>();
    public LayerSpec Spec => LayerSpec.Of("Dropout", ("p", DropProbability), ("seed", Seed));
    public int OutputSize(int inputSize) => inputSize;

    public Matrix<T> Forward(Matrix<T> x, Mode mode)
    {
        _shape = (x.RowCount, x.ColumnCount);
        var output = Mat.ReuseIf(_reuse, ref _outBuffer, x.RowCount, x.ColumnCount, x);
        if (mode == Mode.Test || DropProbability == 0)
        {
            _mask = null;
            x.Data().CopyTo(output.Data(), 0);
            return output;
        }
        bool keepMask = Frozen && _mask is not null && _mask.RowCount == x.RowCount && _mask.ColumnCount == x.ColumnCount;
        if (!keepMask)
        {
            // A training step draws the new mask into the last one (no one else holds it); otherwise a new matrix.
            _mask = Mat.ReuseIf(_reuse, ref _maskBuffer, x.RowCount, x.ColumnCount);
            DrawMask(_mask);
        }
        Multiply(x.Data(), _mask!.Data(), output.Data());
        return output;
    }

    public Matrix<T> Backward(Matrix<T> dOut)
    {
        var (rows, columns) = _shape ?? throw new InvalidOperationException($"{Name}: Backward called before Forward");
        if (dOut.RowCount != rows || dOut.ColumnCount != columns)
            throw new ArgumentException($"{Name}: dOut has shape {dOut.Shape()}, the forward output was ({rows}, {columns})");
        var dx = Mat.ReuseIf(_reuse, ref _dxBuffer, rows, columns, dOut);
        if (_mask is null) dOut.Data().CopyTo(dx.Data(), 0);
        else Multiply(dOut.Data(), _mask.Data(), dx.Data());
        return dx;
    }

    bool IReusesBuffers.ReuseBuffers { get => _reuse; set => _reuse = value; }

    /// <summary>0 with probability p, else 1/(1 - p), one draw per element in storage order.</summary>
    private void DrawMask(Matrix<T> mask)
    {
        var md = mask.Data();
        T keep = T.CreateTruncating(1 / (1 - DropProbability));
        for (int k = 0; k < md.Length; k++) md[k] = _rng.NextDouble() >= DropProbability ? keep : T.Zero;
    }

    /// <summary>z = x ⊙ mask, element-wise (one rounding per element, as MathNet's PointwiseMultiply).</summary>
    private static void Multiply(ReadOnlySpan<T> x, ReadOnlySpan<T> mask, Span<T> z) => Elementwise.Map(x, mask, z, new Times());

    private readonly struct Times : IElementwise2<T>
    {
        public T Apply(T x, T mask) => x * mask;
        public System.Numerics.Vector<T> Apply(System.Numerics.Vector<T> x, System.Numerics.Vector<T> mask) => x * mask;
    }
}
