using System.Numerics;
using System.Runtime.CompilerServices;
using NotebookDL.Tensors;

namespace NotebookDL.Layers;

/// <summary>tanh(x); tanh' = 1 - tanh². Zero-centred, still saturates.</summary>
public sealed class Tanh : Activation
{
    public override string Name => "Tanh";
    public override LayerSpec Spec => LayerSpec.Of("Tanh");

    /// <summary>out = tanh(x).</summary>
    protected override void Apply(ReadOnlySpan<double> x, Span<double> y) => VectorMath.Tanh(x, y);

    /// <summary>dx = (1 − tanh²) ⊙ dout, from the cached out = tanh(x).</summary>
    protected override void Gradient(ReadOnlySpan<double> x, ReadOnlySpan<double> y, ReadOnlySpan<double> dy, Span<double> dx) =>
        Elementwise.Map(y, dy, dx, new Dx<double>());

    private readonly struct Dx<T> : IElementwise2<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public T Apply(T t, T dout) => (T.One - t * t) * dout;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector<T> Apply(Vector<T> t, Vector<T> dout) => (Vector<T>.One - t * t) * dout;
    }
}
