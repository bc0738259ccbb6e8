using MathNet.Numerics.LinearAlgebra;
using NotebookDL.Layers;

namespace NotebookDL.Tests.Training;

/// <summary>An identity layer that records the first column of every training-mode batch it sees.</summary>
internal sealed class RecordingLayer(int width) : ILayer
{
    public List<double[]> Batches { get; } = [];
    public string Name => "Recorder";
    public IReadOnlyList<Parameter> Parameters => [];
    public LayerSpec Spec => LayerSpec.Of("Recorder");
    public IReadOnlyDictionary<string, Matrix<double>> Buffers { get; } = new Dictionary<string, Matrix<double>>();
    public int OutputSize(int inputSize) => inputSize == width ? width : throw new ArgumentException("width");

    public Matrix<double> Forward(Matrix<double> x, Mode mode)
    {
        if (mode == Mode.Train) Batches.Add(x.Column(0).ToArray());
        return x;
    }

    public Matrix<double> Backward(Matrix<double> dOut) => dOut;
}
