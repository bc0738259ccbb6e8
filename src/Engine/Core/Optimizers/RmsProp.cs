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
public sealed class RmsProp : ParameterOptimizer<double[]>
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
    protected override double[] CreateState(Parameter parameter) => new double[parameter.Count];

    protected override void Update(Parameter parameter, double[] cache, double learningRate) =>
        Elementwise.Update(parameter.Value.Data(), parameter.Grad.Data(), cache, new Rule(DecayRate, Eps, learningRate));

    /// <summary>cache = decay·cache + (1 − decay)·dx²; x −= lr·dx / (√cache + eps).</summary>
    /// <remarks>The square root and the division are correctly rounded in both forms: the same bits.</remarks>
    private readonly struct Rule(double decay, double eps, double lr) : IElementwiseUpdate
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Apply(ref double x, double dx, ref double cache)
        {
            cache = decay * cache + (1 - decay) * dx * dx;
            x -= lr * dx / (Math.Sqrt(cache) + eps);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Apply(ref Vector<double> x, Vector<double> dx, ref Vector<double> cache)
        {
            cache = new Vector<double>(decay) * cache + new Vector<double>(1 - decay) * dx * dx;
            x -= new Vector<double>(lr) * dx / (Vector.SquareRoot(cache) + new Vector<double>(eps));
        }
    }
}
