using NotebookDL.Layers;
using NotebookDL.Tensors;

namespace NotebookDL.Probes;

/// <summary>
/// The activation functions the lecture compares, each sampled by the engine's own layer: f(x) by its forward
/// pass, f'(x) by its backward pass with dOut = 1, so the curves show what training uses.
/// <code>
/// var curves = ActivationCurves.Sample(["sigmoid", "relu"], range: 5);
/// Console.WriteLine(curves.Curves[0].LargestGradient);   // 0.25: sigmoid passes back at most a quarter
/// </code>
/// </summary>
/// <param name="Range">x runs from −Range to Range.</param>
/// <param name="Curves">One curve per function, in the order asked.</param>
public sealed record ActivationCurves(double Range, IReadOnlyList<ActivationCurve> Curves)
{
    /// <summary>
    /// The functions that can be sampled: every registered activation of one unit (all but those that bring a layer's
    /// weights, like maxout); PReLU with its starting slope 0.25, ELU with alpha 1.
    /// </summary>
    public static IReadOnlyList<string> Names => [.. Plottable.Select(e => e.Name)];

    private static IEnumerable<ActivationEntry> Plottable => ActivationRegistry.Entries.Where(e => !e.IncludesWeights);

    /// <summary>Samples per curve unless told: odd, so x = 0 is one of them.</summary>
    public const int DefaultPoints = 401;

    /// <summary>
    /// Samples each of <paramref name="names"/> (see <see cref="Names"/>; case and repeats ignored) at
    /// <paramref name="points"/> evenly spaced x in [−range, range]; leaky ReLU with slope <paramref name="leakySlope"/>.
    /// </summary>
    public static ActivationCurves Sample(IEnumerable<string> names, double range, double leakySlope = 0.01, int points = DefaultPoints)
    {
        ArgumentNullException.ThrowIfNull(names);
        if (!(range > 0) || !double.IsFinite(range)) throw new ArgumentOutOfRangeException(nameof(range), range, "the range must be a positive number");
        if (points < 3 || points % 2 == 0) throw new ArgumentOutOfRangeException(nameof(points), points, "an odd number of points, at least 3, so that x = 0 is one of them");
        var x = Enumerable.Range(0, points).Select(i => -range + 2 * range * i / (points - 1)).ToArray();
        var curves = names.Select(n => n.ToLowerInvariant()).Distinct().Select(n => Curve(Layer(n, leakySlope), x)).ToArray();
        return new ActivationCurves(range, curves);
    }

    private static ILayer Layer(string name, double leakySlope) =>
        (Plottable.FirstOrDefault(e => e.Name == name) ?? throw new ArgumentException($"unknown activation '{name}'; use {string.Join(", ", Names)}", nameof(name)))
        .Create(new ActivationSettings { Slope = leakySlope });

    private static ActivationCurve Curve(ILayer layer, double[] x)
    {
        var input = Mat.Zeros(x.Length, 1);
        x.CopyTo(input.Data(), 0);
        var y = layer.Forward(input, Mode.Train).Data().ToArray();
        var dy = layer.Backward(Mat.Filled(x.Length, 1, 1.0)).Data().ToArray();
        return new ActivationCurve(layer.Name, x, y, dy);
    }
}
