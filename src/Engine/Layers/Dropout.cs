using MathNet.Numerics.LinearAlgebra;
using NotebookDL.Tensors;

namespace NotebookDL.Layers;

/// <summary>
/// Inverted dropout (Srivastava et al. 2014): in training each unit is zeroed with probability
/// <see cref="DropProbability"/> and the survivors are scaled by 1/(1 - p), so nothing changes at test time,
/// where the layer is the identity. x (N, D) → out (N, D).
/// </summary>
public sealed class Dropout : ILayer, IStochasticLayer
{
    private readonly Rng _rng;
    private Matrix<double>? _mask; // cache: 0 or 1/(1-p) per element, null after a test-mode pass
    private (int Rows, int Columns)? _shape; // of the last forward pass; null before the first

    /// <param name="dropProbability">p, the probability of zeroing a unit (commonly 0.5).</param>
    /// <param name="seed">Seed of the masks' random source.</param>
    public Dropout(double dropProbability, int seed)
    {
        if (!(dropProbability >= 0 && dropProbability < 1))
            throw new ArgumentOutOfRangeException(nameof(dropProbability), $"dropout probability must be in [0, 1), got {dropProbability}");
        DropProbability = dropProbability;
        Seed = seed;
        _rng = new Rng(seed);
    }

    public double DropProbability { get; }
    public int Seed { get; }
    public bool Frozen { get; set; }
    public string Name => $"Dropout(p={DropProbability:G3})";
    public IReadOnlyList<Parameter> Parameters => [];
    public IReadOnlyDictionary<string, Matrix<double>> Buffers { get; } = new Dictionary<string, Matrix<double>>();
    public LayerSpec Spec => LayerSpec.Of("Dropout", ("p", DropProbability), ("seed", Seed));
    public int OutputSize(int inputSize) => inputSize;

    public Matrix<double> Forward(Matrix<double> x, Mode mode)
    {
        _shape = (x.RowCount, x.ColumnCount);
        if (mode == Mode.Test || DropProbability == 0)
        {
            _mask = null;
            return x.Clone();
        }
        bool reuse = Frozen && _mask is not null && _mask.RowCount == x.RowCount && _mask.ColumnCount == x.ColumnCount;
        if (!reuse) _mask = NewMask(x.RowCount, x.ColumnCount);
        return x.PointwiseMultiply(_mask!);
    }

    public Matrix<double> Backward(Matrix<double> dOut)
    {
        var (rows, columns) = _shape ?? throw new InvalidOperationException($"{Name}: Backward called before Forward");
        if (dOut.RowCount != rows || dOut.ColumnCount != columns)
            throw new ArgumentException($"{Name}: dOut has shape {dOut.Shape()}, the forward output was ({rows}, {columns})");
        return _mask is null ? dOut.Clone() : dOut.PointwiseMultiply(_mask);
    }

    private Matrix<double> NewMask(int rows, int cols)
    {
        var mask = Mat.Zeros(rows, cols);
        var md = mask.Data();
        double keep = 1 / (1 - DropProbability);
        for (int k = 0; k < md.Length; k++) md[k] = _rng.NextDouble() >= DropProbability ? keep : 0;
        return mask;
    }
}
