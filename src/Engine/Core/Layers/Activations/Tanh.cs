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
        Elementwise.Map(y, dy, dx, new Dx());

    private readonly struct Dx : IElementwise2
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public double Apply(double t, double dout) => (1 - t * t) * dout;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector<double> Apply(Vector<double> t, Vector<double> dout) => (Vector<double>.One - t * t) * dout;
    }
}
