using System.Numerics;
using System.Runtime.CompilerServices;
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
public sealed class Adam : BuiltInOptimizer
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

    /// <summary>First moment m (average of dW) and second moment v (average of dW²); the step count is t.</summary>
    protected override int StateArrays => 2;

    protected override void Update<T>(Parameter<T> parameter, RuleState<T>? state, double learningRate)
    {
        int t = ++state!.Steps;
        // Bias correction: early averages are biased toward their zero start.
        double c1 = 1 - Math.Pow(Beta1, t), c2 = 1 - Math.Pow(Beta2, t);
        Elementwise.Update(parameter.Value.Data(), parameter.Grad.Data(), state.Arrays[0], state.Arrays[1],
            new Rule<T>(T.CreateTruncating(Beta1), T.CreateTruncating(Beta2), T.CreateTruncating(c1), T.CreateTruncating(c2), T.CreateTruncating(Eps), T.CreateTruncating(learningRate)));
    }

    /// <summary>
    /// m = β1·m + (1 − β1)·dW; v = β2·v + (1 − β2)·dW²; m_hat = m / c1; v_hat = v / c2;
    /// W −= lr·m_hat / (√v_hat + eps), with the bias corrections c1 = 1 − β1^t and c2 = 1 − β2^t.
    /// </summary>
    private readonly struct Rule<T>(T b1, T b2, T c1, T c2, T eps, T lr) : IElementwiseUpdate2<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Apply(ref T w, T dw, ref T m, ref T v)
        {
            m = b1 * m + (T.One - b1) * dw;
            v = b2 * v + (T.One - b2) * dw * dw;
            T mHat = m / c1, vHat = v / c2;
            w -= lr * mHat / (T.Sqrt(vHat) + eps);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Apply(ref Vector<T> w, Vector<T> dw, ref Vector<T> m, ref Vector<T> v)
        {
            m = new Vector<T>(b1) * m + new Vector<T>(T.One - b1) * dw;
            v = new Vector<T>(b2) * v + new Vector<T>(T.One - b2) * dw * dw;
            Vector<T> mHat = m / new Vector<T>(c1), vHat = v / new Vector<T>(c2);
            w -= new Vector<T>(lr) * mHat / (Vector.SquareRoot(vHat) + new Vector<T>(eps));
        }
    }
}
