using System.Numerics;
using System.Runtime.CompilerServices;
using NotebookDL.Tensors;

namespace NotebookDL.Layers;

/// <summary>max(0, x); gradient 1 for x &gt; 0 and 0 otherwise (a unit whose inputs stay negative is "dead").</summary>
public sealed class ReLU<T> : Activation<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public override string Name => "ReLU";
    public override LayerSpec Spec => LayerSpec.Of("ReLU");

    /// <summary>out = max(0, x).</summary>
    protected override void Apply(ReadOnlySpan<T> x, Span<T> y) => Elementwise.Map(x, y, new Out());

    /// <summary>dx = dout where x &gt; 0, else 0 (0 at x = 0, as cs231n).</summary>
    protected override void Gradient(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx) =>
        Elementwise.Map(x, dy, dx, new Dx());

    private readonly struct Out : IElementwise<T>
    {
        // Written as x <= 0 ? 0 : x so that NaN passes through, as numpy's maximum(0, x).
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public T Apply(T x) => x <= T.Zero ? T.Zero : x;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector<T> Apply(Vector<T> x) => Vector.ConditionalSelect(Vector.LessThanOrEqual(x, Vector<T>.Zero), Vector<T>.Zero, x);
    }

    private readonly struct Dx : IElementwise2<T>
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public T Apply(T x, T dout) => x > T.Zero ? dout : T.Zero;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector<T> Apply(Vector<T> x, Vector<T> dout) => Vector.ConditionalSelect(Vector.GreaterThan(x, Vector<T>.Zero), dout, Vector<T>.Zero);
    }
}
