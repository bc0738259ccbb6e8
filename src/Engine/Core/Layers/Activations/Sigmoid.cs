using System.Numerics;
using System.Runtime.CompilerServices;
using NotebookDL.Tensors;

namespace NotebookDL.Layers;

/// <summary>σ(x) = 1 / (1 + e^-x); σ' = σ(1 - σ). Saturates and is not zero-centred.</summary>
public sealed class Sigmoid<T> : Activation<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public override string Name => "Sigmoid";
    public override LayerSpec Spec => LayerSpec.Of("Sigmoid");

    /// <summary>A numerically stable σ for any finite x (no overflow of e^-x for very negative x).</summary>
    public static T Function(T x) => x >= T.Zero ? T.One / (T.One + T.Exp(-x)) : T.Exp(x) / (T.One + T.Exp(x));

    /// <summary>out = σ(x).</summary>
    protected override void Apply(ReadOnlySpan<T> x, Span<T> y) => VectorMath.Sigmoid(x, y);

    /// <summary>dx = σ(1 − σ) ⊙ dout, from the cached out = σ(x).</summary>
    protected override void Gradient(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx) =>
        Elementwise.Map(y, dy, dx, new Dx());

    private readonly struct Dx : IElementwise2<T>
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public T Apply(T s, T dout) => s * (T.One - s) * dout;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector<T> Apply(Vector<T> s, Vector<T> dout) => s * (Vector<T>.One - s) * dout;
    }
}
