using System.Numerics;
using NotebookDL.Layers;
using NotebookDL.Tensors;
using static System.FormattableString;

namespace NotebookDL.Optimizers;

/// <summary>
/// Nesterov momentum in cs231n's rewritten form, where the stored parameter is the look-ahead point:
/// v_prev = v; v = mu·v - lr·dx; x += -mu·v_prev + (1 + mu)·v. The gradient is evaluated where momentum
/// is about to carry the parameters, which corrects the step before it overshoots.
/// </summary>
public sealed class Nesterov : ParameterOptimizer<double[]>
{
    /// <param name="mu">Momentum mu in [0, 1).</param>
    public Nesterov(double mu = 0.9) => Mu = HyperparameterCheck.Beta(mu, "nesterov momentum mu");

    /// <summary>Momentum mu (the lecture's β).</summary>
    public double Mu { get; }

    public override string Name => Invariant($"nesterov (mu={Mu:G4})");

    /// <summary>The velocity v.</summary>
    protected override double[] CreateState(Parameter parameter) => new double[parameter.Count];

    protected override void Update(Parameter parameter, double[] v, double learningRate)
    {
        var x = parameter.Value.Data().AsSpan();
        var dx = parameter.Grad.Data().AsSpan();
        double mu = Mu;
        int k = 0, n = Vector<double>.Count;
        if (Vector.IsHardwareAccelerated)
        {
            // The scalar loop's operations in its order, n elements at a time: the same bits.
            var vmu = new Vector<double>(mu);
            var vlr = new Vector<double>(learningRate);
            var minusMu = new Vector<double>(-mu);
            var onePlusMu = new Vector<double>(1 + mu);
            for (; k <= x.Length - n; k += n)
            {
                var vPrev = new Vector<double>(v, k);
                var vel = vmu * vPrev - vlr * new Vector<double>(dx.Slice(k));
                vel.CopyTo(v, k);
                (new Vector<double>(x.Slice(k)) + (minusMu * vPrev + onePlusMu * vel)).CopyTo(x.Slice(k));
            }
        }
        for (; k < x.Length; k++)
        {
            double vPrev = v[k];
            v[k] = mu * v[k] - learningRate * dx[k];
            x[k] += -mu * vPrev + (1 + mu) * v[k];
        }
    }
}
