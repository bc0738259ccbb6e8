using NotebookDL.Layers;
using NotebookDL.Tensors;

namespace NotebookDL.Optimizers;

/// <summary>Vanilla (mini-batch) gradient descent: W -= lr · dW. Keeps no state.</summary>
public sealed class Sgd : IOptimizer
{
    public string Name => "sgd";

    public void Step(IEnumerable<Parameter> parameters, double learningRate)
    {
        HyperparameterCheck.LearningRate(learningRate);
        if (parameters is Parameter[] array)
        {
            foreach (var p in array) Ops.Axpy(-learningRate, p.Grad.Data(), p.Value.Data()); // no enumerator allocation
        }
        else
        {
            foreach (var p in parameters) Ops.Axpy(-learningRate, p.Grad.Data(), p.Value.Data());
        }
    }

    public void Reset() { }

    public override string ToString() => Name;
}
