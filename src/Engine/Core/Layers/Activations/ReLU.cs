using System.Numerics;
using System.Runtime.CompilerServices;
using NotebookDL.Tensors;

namespace NotebookDL.Layers;

/// <summary>max(0, x); gradient 1 for x &gt; 0 and 0 otherwise (a unit whose inputs stay negative is "dead").</summary>
public sealed class ReLU : Activation
{
    public override string Name => "ReLU";
    public override LayerSpec Spec => LayerSpec.Of("ReLU");

    /// <summary>out = max(0, x).</summary>
    protected override void Apply(ReadOnlySpan<double> x, Span<double> y) => Elementwise.Map(x, y, new Out());

    /// <summary>dx = dout where x &gt; 0, else 0 (0 at x = 0, as cs231n).</summary>
    protected override void Gradient(ReadOnlySpan<double> x, ReadOnlySpan<double> y, ReadOnlySpan<double> dy, Span<double> dx) =>
        Elementwise.Map(x, dy, dx, new Dx());

    private readonly struct Out : IElementwise
    {
        // Written as x <= 0 ? 0 : x so that NaN passes through, as numpy's maximum(0, x).
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public double Apply(double x) => x <= 0 ? 0 : x;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector<double> Apply(Vector<double> x) => Vector.ConditionalSelect(Vector.LessThanOrEqual(x, Vector<double>.Zero), Vector<double>.Zero, x);
    }

    private readonly struct Dx : IElementwise2
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public double Apply(double x, double dout) => x > 0 ? dout : 0;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector<double> Apply(Vector<double> x, Vector<double> dout) => Vector.ConditionalSelect(Vector.GreaterThan(x, Vector<double>.Zero), dout, Vector<double>.Zero);
    }
}
