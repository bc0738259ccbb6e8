using System.Numerics;
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

    protected override void Update(Parameter parameter, double[] cache, double learningRate)
    {
        var x = parameter.Value.Data().AsSpan();
        var dx = parameter.Grad.Data().AsSpan();
        double decay = DecayRate, eps = Eps;
        int k = 0, n = Vector<double>.Count;
        if (Vector.IsHardwareAccelerated)
        {
            // The scalar loop's operations in its order, n elements at a time: the same bits (the square
            // root and the division are correctly rounded in both).
            var vd = new Vector<double>(decay);
            var vKeep = new Vector<double>(1 - decay);
            var vlr = new Vector<double>(learningRate);
            var veps = new Vector<double>(eps);
            for (; k <= x.Length - n; k += n)
            {
                var g = new Vector<double>(dx.Slice(k));
                var c = vd * new Vector<double>(cache, k) + vKeep * g * g;
                c.CopyTo(cache, k);
                (new Vector<double>(x.Slice(k)) - vlr * g / (Vector.SquareRoot(c) + veps)).CopyTo(x.Slice(k));
            }
        }
        for (; k < x.Length; k++)
        {
            double g = dx[k];
            cache[k] = decay * cache[k] + (1 - decay) * g * g;
            x[k] -= learningRate * g / (Math.Sqrt(cache[k]) + eps);
        }
    }
}
