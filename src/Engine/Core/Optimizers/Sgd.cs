using System.Numerics;
using System.Runtime.CompilerServices;
using NotebookDL.Layers;
using NotebookDL.Tensors;

namespace NotebookDL.Optimizers;

/// <summary>Vanilla (mini-batch) gradient descent: W -= lr · dW. Keeps no state.</summary>
public sealed class Sgd : BuiltInOptimizer
{
    public override string Name => "sgd";

    protected override int StateArrays => 0;

    protected override void Update<T>(Parameter<T> p, RuleState<T>? state, double learningRate)
    {
        var w = p.Value.Data();
        Elementwise.Map(w, p.Grad.Data(), w, new Rule<T>(T.CreateTruncating(learningRate)));
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
