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
        for (int k = 0; k < x.Length; k++)
        {
            double vPrev = v[k];
            v[k] = mu * v[k] - learningRate * dx[k];
            x[k] += -mu * vPrev + (1 + mu) * v[k];
        }
    }
}
