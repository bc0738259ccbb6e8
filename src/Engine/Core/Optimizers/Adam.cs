using System.Numerics;
using NotebookDL.Layers;
using NotebookDL.Tensors;
using static System.FormattableString;

namespace NotebookDL.Optimizers;

/// <summary>
/// Adam (Kingma and Ba 2015): momentum and RMSprop together, with bias correction of both averages.
/// Per step t (counted per parameter, from 1): m = β1·m + (1 - β1)·dW; v = β2·v + (1 - β2)·dW²;
/// m_hat = m / (1 - β1^t); v_hat = v / (1 - β2^t); W -= lr·m_hat / (sqrt(v_hat) + eps).
/// The lecture's defaults β1 = 0.9, β2 = 0.999, eps = 1e-8 are rarely tuned.
/// </summary>
public sealed class Adam : ParameterOptimizer<Adam.State>
{
    /// <param name="beta1">Decay of the gradient average (momentum), in [0, 1).</param>
    /// <param name="beta2">Decay of the squared-gradient average (RMSprop), in [0, 1).</param>
    /// <param name="eps">Added to the root; finite and &gt; 0.</param>
    public Adam(double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8)
    {
        Beta1 = HyperparameterCheck.Beta(beta1, "adam beta1");
        Beta2 = HyperparameterCheck.Beta(beta2, "adam beta2");
        Eps = HyperparameterCheck.Positive(eps, "adam eps");
    }

    public double Beta1 { get; }
    public double Beta2 { get; }
    public double Eps { get; }

    public override string Name => Invariant($"adam (β1={Beta1:G4}, β2={Beta2:G4}, eps={Eps:G3})");

    /// <summary>Adam's memory of one parameter: first moment m, second moment v, and its step count t.</summary>
    public sealed class State
    {
        internal State(int count)
        {
            M = new double[count];
            V = new double[count];
        }

        /// <summary>First moment m (average of dW).</summary>
        public double[] M { get; }

        /// <summary>Second moment v (average of dW²).</summary>
        public double[] V { get; }

        /// <summary>Steps taken so far for this parameter (the t of the bias correction).</summary>
        public int T { get; internal set; }
    }

    protected override State CreateState(Parameter parameter) => new(parameter.Count);

    protected override void Update(Parameter parameter, State state, double learningRate)
    {
        var w = parameter.Value.Data().AsSpan();
        var dw = parameter.Grad.Data().AsSpan();
        var m = state.M;
        var v = state.V;
        int t = ++state.T;
        double b1 = Beta1, b2 = Beta2, eps = Eps;
        // Bias correction: early averages are biased toward their zero start.
        double c1 = 1 - Math.Pow(b1, t), c2 = 1 - Math.Pow(b2, t);
        int k = 0, n = Vector<double>.Count;
        if (Vector.IsHardwareAccelerated)
        {
            // The scalar loop's operations in its order, n elements at a time: the same bits (the square
            // root and the divisions are correctly rounded in both).
            var vb1 = new Vector<double>(b1);
            var vb2 = new Vector<double>(b2);
            var vKeep1 = new Vector<double>(1 - b1);
            var vKeep2 = new Vector<double>(1 - b2);
            var vc1 = new Vector<double>(c1);
            var vc2 = new Vector<double>(c2);
            var vlr = new Vector<double>(learningRate);
            var veps = new Vector<double>(eps);
            for (; k <= w.Length - n; k += n)
            {
                var g = new Vector<double>(dw.Slice(k));
                var mk = vb1 * new Vector<double>(m, k) + vKeep1 * g;
                var vk = vb2 * new Vector<double>(v, k) + vKeep2 * g * g;
                mk.CopyTo(m, k);
                vk.CopyTo(v, k);
                var mHat = mk / vc1;
                var vHat = vk / vc2;
                (new Vector<double>(w.Slice(k)) - vlr * mHat / (Vector.SquareRoot(vHat) + veps)).CopyTo(w.Slice(k));
            }
        }
        for (; k < w.Length; k++)
        {
            double g = dw[k];
            m[k] = b1 * m[k] + (1 - b1) * g;
            v[k] = b2 * v[k] + (1 - b2) * g * g;
            double mHat = m[k] / c1, vHat = v[k] / c2;
            w[k] -= learningRate * mHat / (Math.Sqrt(vHat) + eps);
        }
    }
}
