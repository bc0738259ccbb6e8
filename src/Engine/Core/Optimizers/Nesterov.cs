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
public sealed class Nesterov : ParameterOptimizer<double[]>
{
    /// <param name="mu">Momentum mu in [0, 1).</param>
    public Nesterov(double mu = 0.9) => Mu = HyperparameterCheck.Beta(mu, "nesterov momentum mu");

    /// <summary>Momentum mu (the lecture's β).</summary>
    public double Mu { get; }

    public override string Name => Invariant($"nesterov (mu={Mu:G4})");

    /// <summary>The velocity v.</summary>
    protected override double[] CreateState(Parameter parameter) => new double[parameter.Count];

    protected override void Update(Parameter parameter, double[] v, double learningRate) =>
        Elementwise.Update(parameter.Value.Data(), parameter.Grad.Data(), v, new Rule(Mu, learningRate));

    /// <summary>v_prev = v; v = mu·v − lr·dx; x += −mu·v_prev + (1 + mu)·v.</summary>
    private readonly struct Rule(double mu, double lr) : IElementwiseUpdate
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Apply(ref double x, double dx, ref double v)
        {
            double vPrev = v;
            v = mu * v - lr * dx;
            x += -mu * vPrev + (1 + mu) * v;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Apply(ref Vector<double> x, Vector<double> dx, ref Vector<double> v)
        {
            var vPrev = v;
            v = new Vector<double>(mu) * v - new Vector<double>(lr) * dx;
            x += new Vector<double>(-mu) * vPrev + new Vector<double>(1 + mu) * v;
        }
    }
}
