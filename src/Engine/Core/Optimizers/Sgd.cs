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
        Elementwise.Map(w, p.Grad.Data(), w, new Rule<double>(learningRate));
    }

    /// <summary>(W, dW) → W − lr·dW.</summary>
    private readonly struct Rule<T>(T lr) : IElementwise2<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public T Apply(T w, T dw) => w - lr * dw;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector<T> Apply(Vector<T> w, Vector<T> dw) => w - new Vector<T>(lr) * dw;
    }
}
