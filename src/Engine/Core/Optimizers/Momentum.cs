using System.Numerics;
using System.Runtime.CompilerServices;
using NotebookDL.Layers;
using NotebookDL.Tensors;
using static System.FormattableString;

namespace NotebookDL.Optimizers;

/// <summary>
/// SGD with momentum in cs231n's form: v = β·v - lr·dW; W += v, with the velocity v starting at 0.
/// (deeplearning.ai writes v = β·v + (1 - β)·dW; W -= α·v: the same rule, with cs231n's lr = α·(1 - β) and
/// its v = -α times deeplearning.ai's.)
/// β (cs231n's mu) is usually 0.9; it is the second hyperparameter to tune after the learning rate.
/// </summary>
public sealed class Momentum : BuiltInOptimizer
{
    /// <param name="beta">Momentum β in [0, 1); 0 gives plain SGD.</param>
    public Momentum(double beta = 0.9) => Beta = HyperparameterCheck.Beta(beta, "momentum beta");

    /// <summary>Momentum β (cs231n's <c>momentum</c> / mu).</summary>
    public double Beta { get; }

    public override string Name => Invariant($"momentum (β={Beta:G4})");

    /// <summary>The velocity v, one element per scalar of the parameter.</summary>
    protected override int StateArrays => 1;

    protected override void Update<T>(Parameter<T> parameter, RuleState<T>? state, double learningRate) =>
        Elementwise.Update(parameter.Value.Data(), parameter.Grad.Data(), state!.Arrays[0], new Rule<T>(T.CreateTruncating(Beta), T.CreateTruncating(learningRate)));

    /// <summary>v = β·v − lr·dW; W += v.</summary>
    private readonly struct Rule<T>(T beta, T lr) : IElementwiseUpdate<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Apply(ref T w, T dw, ref T v)
        {
            v = beta * v - lr * dw;
            w += v;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Apply(ref Vector<T> w, Vector<T> dw, ref Vector<T> v)
        {
            v = new Vector<T>(beta) * v - new Vector<T>(lr) * dw;
            w += v;
        }
    }
}
