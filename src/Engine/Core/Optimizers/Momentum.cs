using System.Numerics;
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
public sealed class Momentum : ParameterOptimizer<double[]>
{
    /// <param name="beta">Momentum β in [0, 1); 0 gives plain SGD.</param>
    public Momentum(double beta = 0.9) => Beta = HyperparameterCheck.Beta(beta, "momentum beta");

    /// <summary>Momentum β (cs231n's <c>momentum</c> / mu).</summary>
    public double Beta { get; }

    public override string Name => Invariant($"momentum (β={Beta:G4})");

    /// <summary>The velocity v, one element per scalar of the parameter.</summary>
    protected override double[] CreateState(Parameter parameter) => new double[parameter.Count];

    protected override void Update(Parameter parameter, double[] v, double learningRate)
    {
        var w = parameter.Value.Data().AsSpan();
        var dw = parameter.Grad.Data().AsSpan();
        double beta = Beta;
        int k = 0, n = Vector<double>.Count;
        if (Vector.IsHardwareAccelerated)
        {
            // The scalar loop's operations in its order, n elements at a time: the same bits.
            var vb = new Vector<double>(beta);
            var vlr = new Vector<double>(learningRate);
            for (; k <= w.Length - n; k += n)
            {
                var vel = vb * new Vector<double>(v, k) - vlr * new Vector<double>(dw.Slice(k));
                vel.CopyTo(v, k);
                (new Vector<double>(w.Slice(k)) + vel).CopyTo(w.Slice(k));
            }
        }
        for (; k < w.Length; k++)
        {
            v[k] = beta * v[k] - learningRate * dw[k];
            w[k] += v[k];
        }
    }
}
