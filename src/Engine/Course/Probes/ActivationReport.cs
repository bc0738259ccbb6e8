using System.Globalization;

namespace NotebookDL.Probes;

/// <summary>
/// Statistics of one layer's output over a batch (all N·D values together, as the lecture's
/// <c>np.mean(H)</c> and <c>np.std(H)</c>): mean, std (population), min, max, the saturated fraction for
/// tanh (|a| &gt; 0.99) and sigmoid (a &lt; 0.01 or a &gt; 0.99), the fraction of exact zeros (inactive ReLU
/// units), the fraction of units that are zero for every example ("dead"), and a histogram.
/// </summary>
/// <param name="LayerIndex">Index of the layer in the network.</param>
/// <param name="LayerName">The layer's name, e.g. "Tanh".</param>
/// <param name="Label">How the row is introduced: "layer 3" (network index) or "hidden layer 2".</param>
/// <param name="Count">N·D, the number of values.</param>
/// <param name="Mean">Mean of all values.</param>
/// <param name="Std">Standard deviation (population, as np.std) of all values.</param>
/// <param name="Min">Smallest value.</param>
/// <param name="Max">Largest value.</param>
/// <param name="SaturatedFraction">Share of saturated values for tanh and sigmoid; NaN for other layers.</param>
/// <param name="ZeroFraction">Share of values exactly 0 (for ReLU: inactive units).</param>
/// <param name="DeadUnitFraction">Share of units (columns) that are 0 for every example of the batch.</param>
/// <param name="Histogram">The values' histogram (range [-1, 1] for tanh, [0, 1] for sigmoid, else [min, max]).</param>
public sealed record LayerActivationStats(
    int LayerIndex, string LayerName, string Label, long Count, double Mean, double Std, double Min, double Max,
    double SaturatedFraction, double ZeroFraction, double DeadUnitFraction, Histogram Histogram)
{
    /// <summary>
    /// One line in makemore's format: <c>layer 3 (Tanh): mean +0.01, std 0.63, saturated 4.2%</c>; ReLU-like
    /// layers show their share of zeros instead of saturation.
    /// </summary>
    public string Line()
    {
        var c = CultureInfo.InvariantCulture;
        var line = string.Format(c, "{0} ({1}): mean {2}, std {3}", Label, LayerName, Signed(Mean), Number(Std));
        if (!double.IsNaN(SaturatedFraction)) line += string.Format(c, ", saturated {0:0.0}%", 100 * SaturatedFraction);
        else if (ZeroFraction > 0) line += string.Format(c, ", zero {0:0.0}%", 100 * ZeroFraction);
        if (DeadUnitFraction > 0) line += string.Format(c, ", dead units {0:0.0}%", 100 * DeadUnitFraction);
        return line;
    }

    public override string ToString() => Line();

    // Two decimals as makemore prints, switching to scientific notation once the numbers collapse toward 0.
    private static string Number(double v) =>
        v != 0 && Math.Abs(v) < 0.005 ? v.ToString("0.00e+0", CultureInfo.InvariantCulture) : v.ToString("0.00", CultureInfo.InvariantCulture);

    private static string Signed(double v) => (v >= 0 ? "+" : "") + Number(v);
}

/// <summary>The activation statistics of a forward pass, one row per recorded layer.</summary>
public sealed class ActivationReport(string title, IReadOnlyList<LayerActivationStats> rows)
{
    /// <summary>What was run, e.g. "10 x 500 tanh, small (0.01·randn), X = randn(1000, 500)".</summary>
    public string Title { get; } = title;

    public IReadOnlyList<LayerActivationStats> Rows { get; } = rows;

    public override string ToString() => string.Join(Environment.NewLine, Rows.Select(r => r.Line()).Prepend(Title));
}
