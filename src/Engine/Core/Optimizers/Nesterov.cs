using System.Numerics;
using System.Runtime.CompilerServices;
using NotebookDL.Layers;
using NotebookDL.Tensors;
using static System.FormattableString;

namespace NotebookDL.Optimizers;

/// <summary>
/// Nesterov momentum in cs231n's rewritten form, where the stored parameter is the look-ahead point:
/// v_prev = v; v = mu·v - lr·dx; x += -mu·v_prev + (1 + mu)·v. The gradient is evaluated where momentum
/// is about to carry the parameters, which corrects the step before it overshoots.
/// </summary>
public sealed class Nesterov : BuiltInOptimizer
{
    /// <param name="mu">Momentum mu in [0, 1).</param>
    public Nesterov(double mu = 0.9) => Mu = HyperparameterCheck.Beta(mu, "nesterov momentum mu");

    /// <summary>Momentum mu (the lecture's β).</summary>
    public double Mu { get; }

    public override string Name => Invariant($"nesterov (mu={Mu:G4})");

    /// <summary>The velocity v.</summary>
    protected override int StateArrays => 1;

    protected override void Update<T>(Parameter<T> parameter, RuleState<T>? state, double learningRate) =>
        Elementwise.Update(parameter.Value.Data(), parameter.Grad.Data(), state!.Arrays[0], new Rule<T>(T.CreateTruncating(Mu), T.CreateTruncating(learningRate)));

    /// <summary>v_prev = v; v = mu·v − lr·dx; x += −mu·v_prev + (1 + mu)·v.</summary>
    private readonly struct Rule<T>(T mu, T lr) : IElementwiseUpdate<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Apply(ref T x, T dx, ref T v)
        {
            T vPrev = v;
            v = mu * v - lr * dx;
            x += -mu * vPrev + (T.One + mu) * v;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Apply(ref Vector<T> x, Vector<T> dx, ref Vector<T> v)
        {
            var vPrev = v;
            v = new Vector<T>(mu) * v - new Vector<T>(lr) * dx;
            x += new Vector<T>(-mu) * vPrev + new Vector<T>(T.One + mu) * v;
        }
    }
}
