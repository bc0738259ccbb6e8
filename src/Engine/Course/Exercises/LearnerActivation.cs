using MathNet.Numerics.LinearAlgebra;
using NotebookDL.Layers;
using NotebookDL.Tensors;

namespace NotebookDL.Exercises;

/// <summary>
/// An engine activation whose backward pass is the learner's: forward as the built-in layer, then
/// dx = the learner's (dout, x). Saved networks record the built-in kind, so they load without the learner's code.
/// </summary>
internal sealed class LearnerActivation(Activation builtIn, Func<Matrix<double>, Matrix<double>, Matrix<double>> backward, string description) : ILayer
{
    private Matrix<double>? _x;

    public string Name => $"{builtIn.Name} (backward: {description})";
    public IReadOnlyList<Parameter> Parameters => [];
    public IReadOnlyDictionary<string, Matrix<double>> Buffers { get; } = new Dictionary<string, Matrix<double>>();
    public LayerSpec Spec => builtIn.Spec;
    public int OutputSize(int inputSize) => inputSize;

    public Matrix<double> Forward(Matrix<double> x, Mode mode)
    {
        _x = x;
        return builtIn.Forward(x, mode);
    }

    public Matrix<double> Backward(Matrix<double> dOut)
    {
        var x = _x ?? throw new InvalidOperationException($"{Name}: Backward called before Forward");
        Matrix<double>? dx;
        try
        {
            dx = backward(dOut.Clone(), x.Clone());
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new InvalidOperationException($"{description} failed on a batch of shape {x.Shape()}: {e.GetType().Name}: {e.Message}", e);
        }
        if (dx is null || dx.RowCount != x.RowCount || dx.ColumnCount != x.ColumnCount)
            throw new InvalidOperationException($"{description} returned {(dx is null ? "null" : "shape " + dx.Shape())} for x of shape {x.Shape()}");
        return Compare.Dense(dx);
    }
}
