using System.Numerics;
using System.Runtime.CompilerServices;
using NotebookDL.Tensors;

namespace NotebookDL.Layers;

/// <summary>max(slope·x, x) with a fixed slope (0.01 by default): never fully dead.</summary>
public sealed class LeakyReLU(double slope = 0.01) : Activation
{
    // A NaN or infinite slope would turn every negative input into NaN or -∞.
    public double Slope { get; } = double.IsFinite(slope) ? slope : throw new ArgumentOutOfRangeException(nameof(slope), slope, $"the leaky ReLU's slope must be a finite number, got {slope}");
    public override string Name => $"LeakyReLU({Slope:G3})";
    public override LayerSpec Spec => LayerSpec.Of("LeakyReLU", ("slope", Slope));

    /// <summary>out = x where x &gt; 0, else slope·x (NaN stays NaN).</summary>
    protected override void Apply(ReadOnlySpan<double> x, Span<double> y) => Elementwise.Map(x, y, new Out(Slope));

    /// <summary>dx = dout where x &gt; 0, else slope·dout.</summary>
    protected override void Gradient(ReadOnlySpan<double> x, ReadOnlySpan<double> y, ReadOnlySpan<double> dy, Span<double> dx) =>
        Elementwise.Map(x, dy, dx, new Dx(Slope));

    private readonly struct Out(double slope) : IElementwise
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public double Apply(double x) => x > 0 ? x : slope * x;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector<double> Apply(Vector<double> x) => Vector.ConditionalSelect(Vector.GreaterThan(x, Vector<double>.Zero), x, new Vector<double>(slope) * x);
    }

    private readonly struct Dx(double slope) : IElementwise2
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public double Apply(double x, double dout) => x > 0 ? dout : slope * dout;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector<double> Apply(Vector<double> x, Vector<double> dout) => Vector.ConditionalSelect(Vector.GreaterThan(x, Vector<double>.Zero), dout, new Vector<double>(slope) * dout);
    }
}
