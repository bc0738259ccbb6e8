using System.Globalization;
using NotebookDL.Charts.Spec;
using Plotly.NET;
using Plotly.NET.TraceObjects;
using CSharpChart = Plotly.NET.CSharp.Chart;

namespace NotebookDL.Charts.Building;

/// <summary>A validated <see cref="ParallelCoordinatesSpec"/> to Chart.ParallelCoord.</summary>
internal static class ParallelChart
{
    /// <summary>The chart, and how many of how many trials were left out for a non-finite value.</summary>
    public static (GenericChart Chart, int Dropped, int Trials) Build(ParallelCoordinatesSpec p)
    {
        var trials = p.Dimensions[0].Values.Length;
        var kept = Enumerable.Range(0, trials)
            .Where(i => p.Dimensions.All(d => double.IsFinite(d.Values[i]))
                        && (p.ColorValues is null || double.IsFinite(p.ColorValues[i])))
            .ToArray();
        if (kept.Length == 0)
            throw new ArgumentException(
                $"parallel: every one of the {trials} trials has a non-finite value (NaN or Infinity); there is nothing to draw.",
                "specJson");

        var dimensions = p.Dimensions.Select(d => Dimension(d, kept)).ToArray();
        GenericChart chart;
        if (p.ColorValues is { } colours)
        {
            var line = new Line();
            if (p.ColorTitle is not null) line.SetProperty("colorbar", DynamicParts.ColorBar(p.ColorTitle, null));
            chart = CSharpChart.ParallelCoord(dimensions,
                LineColor: Color.fromColorScaleValues(kept.Select(i => colours[i])),
                LineColorScale: PlotlyStyles.TryColorScale(p.ColorScale ?? ColorScales.Viridis)!,
                ShowLineColorScale: true, Line: line);
        }
        else
        {
            chart = CSharpChart.ParallelCoord(dimensions);
        }
        return (chart, trials - kept.Length, trials);
    }

    /// <summary>
    /// One axis. A log dimension is drawn at log10 of its values (parallel coordinates have no log axes) with
    /// ticks labelled in the original units, so 1e-4 sits halfway between 1e-5 and 1e-3 as on a log axis.
    /// </summary>
    private static Dimension Dimension(ParallelDimensionSpec d, int[] kept)
    {
        var values = kept.Select(i => d.Log ? Math.Log10(d.Values[i]) : d.Values[i]).ToArray();
        var dimension = new Dimension();
        dimension.SetProperty("label", d.Label);
        dimension.SetProperty("values", values);
        if (d.Range is { } range)
            dimension.SetProperty("range", d.Log ? new[] { Math.Log10(range.Min), Math.Log10(range.Max) } : new[] { range.Min, range.Max });
        if (d.Log)
        {
            var (low, high) = d.Range is { } r ? (Math.Log10(r.Min), Math.Log10(r.Max)) : (values.Min(), values.Max());
            var ticks = LogTicks(low, high);
            dimension.SetProperty("tickvals", ticks);
            dimension.SetProperty("ticktext", ticks.Select(t => Format(Math.Pow(10, t))).ToArray());
        }
        return dimension;
    }

    /// <summary>The integer powers of ten in [low, high] (log10 units); when fewer than two, five even steps.</summary>
    internal static double[] LogTicks(double low, double high)
    {
        var powers = Enumerable.Range((int)Math.Ceiling(low), Math.Max(0, (int)Math.Floor(high) - (int)Math.Ceiling(low) + 1))
            .Select(k => (double)k).ToArray();
        if (powers.Length >= 2) return powers;
        if (high <= low) return [low];
        return [.. Enumerable.Range(0, 5).Select(k => low + (high - low) * k / 4)];
    }

    /// <summary>Three significant digits, exponents written as 1e-5 rather than .NET's 1E-05.</summary>
    internal static string Format(double value)
    {
        var text = value.ToString("G3", CultureInfo.InvariantCulture);
        var e = text.IndexOf('E');
        if (e < 0) return text;
        var exponent = int.Parse(text.AsSpan(e + 1), CultureInfo.InvariantCulture);
        return $"{text[..e]}e{exponent}";
    }
}
