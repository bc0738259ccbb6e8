using System.Numerics;
using MathNet.Numerics.LinearAlgebra;

namespace NotebookDL.Layers;

/// <summary>
/// A built-in layer whose backward pass can stop at its parameters' gradients, leaving out dx: the trainer's
/// step does so for the network's first layer, whose dx (the gradient of the data) nothing reads. For a
/// 3072-50-10 network that is one product of three (dOut·Wᵀ, as large as the forward one). The gradients are
/// the same bits as a full <see cref="ILayer{T}.Backward"/> gives.
/// </summary>
internal interface IParameterGradients<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Backward without dx: sets every parameter's gradient from dOut.</summary>
    void ParameterGradients(Matrix<T> dOut);
}
