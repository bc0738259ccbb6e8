using System.Numerics;
using System.Runtime.CompilerServices;
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
            foreach (var p in array) Update(p, learningRate); // no enumerator allocation
        }
        else
        {
            foreach (var p in parameters) Update(p, learningRate);
        }
    }

    public void Reset() { }

    public override string ToString() => Name;

    private static void Update(Parameter p, double learningRate)
    {
        var w = p.Value.Data();
        Elementwise.Map(w, p.Grad.Data(), w, new Rule(learningRate));
    }

    /// <summary>(W, dW) → W − lr·dW.</summary>
    private readonly struct Rule(double lr) : IElementwise2
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public double Apply(double w, double dw) => w - lr * dw;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector<double> Apply(Vector<double> w, Vector<double> dw) => w - new Vector<double>(lr) * dw;
    }
}
