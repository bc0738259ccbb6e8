using System.Numerics;
using MathNet.Numerics.LinearAlgebra;
using NotebookDL.Tensors;

namespace NotebookDL.Layers;

/// <summary>
/// A learned tensor and the gradient of the cost with respect to it, as the last backward pass left it.
/// Optimisers update <see cref="Value"/> in place from <see cref="Grad"/>. T is the element type, float or
/// double (<c>Parameter</c> is Parameter&lt;double&gt;).
/// </summary>
public sealed class Parameter<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public Parameter(string name, Matrix<T> value, bool regularized)
    {
        Name = name;
        Value = value;
        Grad = Mat.Zeros<T>(value.RowCount, value.ColumnCount);
        Regularized = regularized;
    }

    /// <summary>The lecture's name: "W", "b", "gamma", "beta", "alpha".</summary>
    public string Name { get; }

    /// <summary>The current value; optimisers write into it.</summary>
    public Matrix<T> Value { get; }

    /// <summary>dCost/dValue from the last backward pass (same shape as <see cref="Value"/>).</summary>
    public Matrix<T> Grad { get; }

    /// <summary>
    /// Whether L2/L1 regularisation applies: weights yes; biases, batch-norm gamma and beta and PReLU's
    /// alpha no (the lecture and He et al. 2015 leave them out).
    /// </summary>
    public bool Regularized { get; }

    /// <summary>
    /// When true the <see cref="Training.Trainer"/> leaves the value alone: transfer learning freezes the
    /// layers it reuses and retrains only the new ones. Backprop still fills <see cref="Grad"/>.
    /// </summary>
    public bool Frozen { get; set; }

    /// <summary>Number of scalars.</summary>
    public int Count => Value.RowCount * Value.ColumnCount;

    /// <summary>Copies <paramref name="gradient"/> into <see cref="Grad"/>.</summary>
    internal void SetGrad(Matrix<T> gradient)
    {
        if (gradient.RowCount != Grad.RowCount || gradient.ColumnCount != Grad.ColumnCount)
            throw new InvalidOperationException($"gradient of {Name} has shape {gradient.Shape()}, expected {Grad.Shape()}");
        gradient.Data().CopyTo(Grad.Data(), 0);
    }

    public override string ToString() => $"{Name} {Value.Shape()}";
}
