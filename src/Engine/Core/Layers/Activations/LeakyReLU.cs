using System.Numerics;
using System.Runtime.CompilerServices;
using NotebookDL.Tensors;

namespace NotebookDL.Layers;

/// <summary>max(slope·x, x) with a fixed slope (0.01 by default): never fully dead.</summary>
public sealed class LeakyReLU<T>(double slope = 0.01) : Activation<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    // A NaN or infinite slope would turn every negative input into NaN or -∞.
    public double Slope { get; } = double.IsFinite(slope) ? slope : throw new ArgumentOutOfRangeException(nameof(slope), slope, $"the leaky ReLU's slope must be a finite number, got {slope}");
    public override string Name => $"LeakyReLU({Slope:G3})";
    public override LayerSpec Spec => LayerSpec.Of("LeakyReLU", ("slope", Slope));

    /// <summary>out = x where x &gt; 0, else slope·x (NaN stays NaN).</summary>
    protected override void Apply(ReadOnlySpan<T> x, Span<T> y) => Elementwise.Map(x, y, new Out(T.CreateTruncating(Slope)));

    /// <summary>dx = dout where x &gt; 0, else slope·dout.</summary>
    protected override void Gradient(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx) =>
        Elementwise.Map(x, dy, dx, new Dx(T.CreateTruncating(Slope)));

    private readonly struct Out(T slope) : IElementwise<T>
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public T Apply(T x) => x > T.Zero ? x : slope * x;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector<T> Apply(Vector<T> x) => Vector.ConditionalSelect(Vector.GreaterThan(x, Vector<T>.Zero), x, new Vector<T>(slope) * x);
    }

    private readonly struct Dx(T slope) : IElementwise2<T>
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public T Apply(T x, T dout) => x > T.Zero ? dout : slope * dout;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector<T> Apply(Vector<T> x, Vector<T> dout) => Vector.ConditionalSelect(Vector.GreaterThan(x, Vector<T>.Zero), dout, new Vector<T>(slope) * dout);
    }
}
