using System.Numerics;
using System.Runtime.CompilerServices;
using NotebookDL.Layers;
using NotebookDL.Tensors;
using static System.FormattableString;

namespace NotebookDL.Optimizers;

/// <summary>
/// RMSprop (Hinton's lecture 6e), as cs231n writes it: cache = decay·cache + (1 - decay)·dx²;
/// x -= lr·dx / (sqrt(cache) + eps). Each scalar gets its own step size, smaller where gradients have
/// been large. Defaults are cs231n's assignment values: decay_rate 0.99 and eps 1e-8 (Hinton suggests 0.9;
/// pass it when you want his).
/// </summary>
public sealed class RmsProp : BuiltInOptimizer
{
    /// <param name="decayRate">Decay of the squared-gradient average, in [0, 1).</param>
    /// <param name="eps">Added to the root to avoid dividing by zero; finite and &gt; 0.</param>
    public RmsProp(double decayRate = 0.99, double eps = 1e-8)
    {
        DecayRate = HyperparameterCheck.Beta(decayRate, "rmsprop decay rate");
        Eps = HyperparameterCheck.Positive(eps, "rmsprop eps");
    }

    public double DecayRate { get; }
    public double Eps { get; }

    public override string Name => Invariant($"rmsprop (decay={DecayRate:G4}, eps={Eps:G3})");

    /// <summary>The cache: a moving average of dx².</summary>
    protected override int StateArrays => 1;

    protected override void Update<T>(Parameter<T> parameter, RuleState<T>? state, double learningRate) =>
        Elementwise.Update(parameter.Value.Data(), parameter.Grad.Data(), state!.Arrays[0],
            new Rule<T>(T.CreateTruncating(DecayRate), T.CreateTruncating(Eps), T.CreateTruncating(learningRate)));

    /// <summary>cache = decay·cache + (1 − decay)·dx²; x −= lr·dx / (√cache + eps).</summary>
    /// <remarks>The square root and the division are correctly rounded in both forms: the same bits.</remarks>
    private readonly struct Rule<T>(T decay, T eps, T lr) : IElementwiseUpdate<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Apply(ref T x, T dx, ref T cache)
        {
            cache = decay * cache + (T.One - decay) * dx * dx;
            x -= lr * dx / (T.Sqrt(cache) + eps);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Apply(ref Vector<T> x, Vector<T> dx, ref Vector<T> cache)
        {
            cache = new Vector<T>(decay) * cache + new Vector<T>(T.One - decay) * dx * dx;
            x -= new Vector<T>(lr) * dx / (Vector.SquareRoot(cache) + new Vector<T>(eps));
        }
    }
}
