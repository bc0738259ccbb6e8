namespace NotebookDL.Probes;

/// <summary>
/// One activation sampled over [−range, range]: f(x) from the layer's forward pass and f'(x) from its backward
/// pass with dOut = 1 (made by <see cref="ActivationCurves.Sample(IEnumerable{string}, double, double, int)"/>).
/// The ends say where it saturates (f' near 0 at both ends: sigmoid, tanh) or dies (f' exactly 0 for x &lt; 0: ReLU).
/// </summary>
/// <param name="Name">The layer's name, e.g. "LeakyReLU(0.01)".</param>
/// <param name="X">The inputs, evenly spaced from −range to range (an odd count, so the middle one is 0).</param>
/// <param name="Value">f(x) at each input.</param>
/// <param name="Gradient">f'(x) at each input.</param>
public sealed record ActivationCurve(string Name, double[] X, double[] Value, double[] Gradient)
{
    /// <summary>f(−range).</summary>
    public double ValueAtLow => Value[0];

    /// <summary>f(0).</summary>
    public double ValueAtZero => Value[Value.Length / 2];

    /// <summary>f(range).</summary>
    public double ValueAtHigh => Value[^1];

    /// <summary>The largest f' over the range (sigmoid 0.25, tanh 1).</summary>
    public double LargestGradient => Gradient.Max();

    /// <summary>f'(−range).</summary>
    public double GradientAtLow => Gradient[0];

    /// <summary>f'(range).</summary>
    public double GradientAtHigh => Gradient[^1];
}
