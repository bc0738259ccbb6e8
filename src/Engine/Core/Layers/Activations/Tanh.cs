using System.Numerics;
using System.Runtime.CompilerServices;
using NotebookDL.Tensors;

namespace NotebookDL.Layers;

/// <summary>tanh(x); tanh' = 1 - tanh². Zero-centred, still saturates.</summary>
public sealed class Tanh<T> : Activation<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public override string Name => "Tanh";
    public override LayerSpec Spec => LayerSpec.Of("Tanh");

    /// <summary>out = tanh(x).</summary>
    protected override void Apply(ReadOnlySpan<T> x, Span<T> y) => VectorMath.Tanh(x, y);

    /// <summary>dx = (1 − tanh²) ⊙ dout, from the cached out = tanh(x).</summary>
    protected override void Gradient(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx) =>
        Elementwise.Map(y, dy, dx, new Dx());

    private readonly struct Dx : IElementwise2<T>
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public T Apply(T t, T dout) => (T.One - t * t) * dout;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector<T> Apply(Vector<T> t, Vector<T> dout) => (Vector<T>.One - t * t) * dout;
    }
}
