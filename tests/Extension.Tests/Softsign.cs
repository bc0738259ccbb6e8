using System.Numerics;
using System.Runtime.CompilerServices;
using NotebookDL.Layers;
using NotebookDL.Tensors;

namespace NotebookDL.Tests.Extension;

/// <summary>
/// softsign(x) = x / (1 + |x|), an activation the engine does not have: its derivative is 1 / (1 + |x|)²,
/// so it saturates polynomially, more slowly than tanh. Written outside the engine, as a notebook would: this
/// file and one registry line (<see cref="Register"/>) make it a choice of <c>#!train --activation</c>.
/// </summary>
public sealed class Softsign : Activation
{
    /// <summary>The registry line. Registering again replaces the entry, so every test may call it.</summary>
    public static void Register() =>
        ActivationRegistry.Register(new ActivationEntry("softsign", "x / (1 + |x|)", _ => new Softsign()));

    public override string Name => "Softsign";
    public override LayerSpec Spec => LayerSpec.Of("Softsign");

    /// <summary>out = x / (1 + |x|).</summary>
    protected override void Apply(ReadOnlySpan<double> x, Span<double> y) => Elementwise.Map(x, y, new Out());

    /// <summary>dx = dout / (1 + |x|)².</summary>
    protected override void Gradient(ReadOnlySpan<double> x, ReadOnlySpan<double> y, ReadOnlySpan<double> dy, Span<double> dx) =>
        Elementwise.Map(x, dy, dx, new Dx());

    private readonly struct Out : IElementwise
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public double Apply(double x) => x / (1 + Math.Abs(x));

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector<double> Apply(Vector<double> x) => x / (Vector<double>.One + Vector.Abs(x));
    }

    private readonly struct Dx : IElementwise2
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public double Apply(double x, double dout)
        {
            double d = 1 + Math.Abs(x);
            return dout / (d * d);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector<double> Apply(Vector<double> x, Vector<double> dout)
        {
            var d = Vector<double>.One + Vector.Abs(x);
            return dout / (d * d);
        }
    }
}
