using MathNet.Numerics.LinearAlgebra;
using NotebookDL.Layers;
using NotebookDL.Tensors;

namespace NotebookDL.Exercises;

/// <summary>
/// A dropout layer whose forward pass is the learner's (x, p, mode, rng) → (out, mask); backward is
/// dout ⊙ mask. Like the engine's, it draws from its own seeded source and can be frozen for gradient checks.
/// </summary>
internal sealed class LearnerDropout(Func<Matrix<double>, double, Mode, Rng, (Matrix<double> Out, Matrix<double> Mask)> forward,
    double p, int seed, string description) : ILayer, IStochasticLayer
{
    private readonly Rng _rng = new(seed);
    private Matrix<double>? _mask;

    public bool Frozen { get; set; }
    public string Name => $"Dropout(p={p:G3}) ({description})";
    public IReadOnlyList<Parameter> Parameters => [];
    public IReadOnlyDictionary<string, Matrix<double>> Buffers { get; } = new Dictionary<string, Matrix<double>>();
    public LayerSpec Spec => LayerSpec.Of("Dropout", ("p", p), ("seed", seed));
    public int OutputSize(int inputSize) => inputSize;

    public Matrix<double> Forward(Matrix<double> x, Mode mode)
    {
        if (mode == Mode.Train && Frozen && _mask is not null && _mask.RowCount == x.RowCount && _mask.ColumnCount == x.ColumnCount)
            return x.PointwiseMultiply(_mask);
        (Matrix<double> Out, Matrix<double> Mask) result;
        try
        {
            result = forward(x.Clone(), p, mode, _rng);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new InvalidOperationException($"{description} failed on a batch of shape {x.Shape()}: {e.GetType().Name}: {e.Message}", e);
        }
        if (result.Out is null || result.Out.RowCount != x.RowCount || result.Out.ColumnCount != x.ColumnCount)
            throw new InvalidOperationException($"{description} returned an out of {(result.Out is null ? "null" : "shape " + result.Out.Shape())} for x of shape {x.Shape()}");
        _mask = result.Mask is null ? null : Compare.Dense(result.Mask);
        if (_mask is not null && (_mask.RowCount != x.RowCount || _mask.ColumnCount != x.ColumnCount))
            throw new InvalidOperationException($"{description} returned a mask of shape {_mask.Shape()} for x of shape {x.Shape()}");
        return Compare.Dense(result.Out);
    }

    public Matrix<double> Backward(Matrix<double> dOut) => _mask is null ? dOut.Clone() : dOut.PointwiseMultiply(_mask);
}
