using System.Numerics;
using System.Runtime.CompilerServices;
using NotebookDL.Tensors;

namespace NotebookDL.Layers;

/// <summary>ELU: x for x &gt; 0, alpha (e^x - 1) otherwise; gradient 1 or alpha e^x = out + alpha.</summary>
public sealed class ELU<T>(double alpha = 1.0) : Activation<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public double Alpha { get; } = double.IsFinite(alpha) ? alpha : throw new ArgumentOutOfRangeException(nameof(alpha), alpha, $"ELU's alpha must be a finite number, got {alpha}");
    public override string Name => $"ELU({Alpha:G3})";
    public override LayerSpec Spec => LayerSpec.Of("ELU", ("alpha", Alpha));

    /// <summary>out = x where x &gt; 0, else alpha·(e^x − 1).</summary>
    protected override void Apply(ReadOnlySpan<T> x, Span<T> y)
    {
        VectorMath.Expm1OfNonPositive(x, y); // e^x - 1 on the negative side first: the vectorised exp
        Elementwise.Map(x, y, y, new Out(T.CreateTruncating(Alpha)));
    }

    /// <summary>dx = dout where x &gt; 0, else alpha·e^x ⊙ dout = (out + alpha) ⊙ dout.</summary>
    protected override void Gradient(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx) =>
        Elementwise.Map(x, y, dy, dx, new Dx(T.CreateTruncating(Alpha)));

    /// <summary>(x, e^x − 1) → out.</summary>
    private readonly struct Out(T alpha) : IElementwise2<T>
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public T Apply(T x, T expm1) => x > T.Zero ? x : alpha * expm1;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector<T> Apply(Vector<T> x, Vector<T> expm1) => Vector.ConditionalSelect(Vector.GreaterThan(x, Vector<T>.Zero), x, new Vector<T>(alpha) * expm1);
    }

    /// <summary>(x, out, dout) → dx.</summary>
    private readonly struct Dx(T alpha) : IElementwise3<T>
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public T Apply(T x, T y, T dout) => x > T.Zero ? dout : (y + alpha) * dout;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector<T> Apply(Vector<T> x, Vector<T> y, Vector<T> dout) =>
            Vector.ConditionalSelect(Vector.GreaterThan(x, Vector<T>.Zero), dout, (y + new Vector<T>(alpha)) * dout);
    }
}
