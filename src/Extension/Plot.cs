using MathNet.Numerics.LinearAlgebra;
using NotebookDL.Charts.Spec;

namespace NotebookDL;

/// <summary>
/// Quick charts from a notebook cell: <c>NotebookDL.Plot.Line(losses)</c>, <c>Plot.Histogram(weights)</c>,
/// <c>Plot.Heatmap(W)</c>. Each returns a <see cref="Chart"/>, which a cell shows when it is the cell's value
/// (or passed to <c>display(...)</c>). Cells cannot use Plotly.NET directly in the kernel (it is loaded in a
/// separate context), so these cover the course's pictures: curves, histograms, bars, points by class, matrices.
/// </summary>
public static class Plot
{
    /// <summary>A line through y against 0, 1, 2, ... (a loss per iteration).</summary>
    public static Chart Line(IEnumerable<double> y) => Line(null, y);

    /// <summary>A line through (x, y); x null gives 0, 1, 2, ...; <paramref name="logY"/> for a loss over decades.</summary>
    public static Chart Line(IEnumerable<double>? x, IEnumerable<double> y, string? title = null, string? xTitle = null, string? yTitle = null, bool logY = false)
    {
        ArgumentNullException.ThrowIfNull(y);
        var ys = y.ToArray();
        var xs = x?.ToArray() ?? Enumerable.Range(0, ys.Length).Select(i => (double)i).ToArray();
        SameLength(xs, ys, "x", "y");
        return Lines(title, xTitle, yTitle, logY, (yTitle ?? "y", xs, ys));
    }

    /// <summary>Several named lines in one chart (train vs validation, one curve per learning rate).</summary>
    public static Chart Lines(string? title, params (string Name, double[] X, double[] Y)[] series) =>
        Lines(title, null, null, false, series);

    /// <summary>Several named lines with axis titles, optionally on a log y axis.</summary>
    public static Chart Lines(string? title, string? xTitle, string? yTitle, bool logY, params (string Name, double[] X, double[] Y)[] series)
    {
        ArgumentNullException.ThrowIfNull(series);
        if (series.Length == 0) throw new ArgumentException("Plot.Lines needs at least one series (name, x, y)");
        foreach (var s in series)
        {
            ArgumentNullException.ThrowIfNull(s.X, $"{s.Name}.X");
            ArgumentNullException.ThrowIfNull(s.Y, $"{s.Name}.Y");
            SameLength(s.X, s.Y, $"'{s.Name}' x", "y");
        }
        var spec = FigureSpec.Lines(title, xTitle, yTitle, series);
        return Chart.From(logY ? spec with { Panels = [spec.Panels[0] with { LogY = true }] } : spec);
    }

    /// <summary>
    /// The distribution of <paramref name="values"/> in <paramref name="bins"/> equal bins over their range
    /// (weights, activations, gradients); NaN and infinite values are left out and counted in the title.
    /// </summary>
    public static Chart Histogram(IEnumerable<double> values, int bins = 50, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (bins < 1 || bins > 10_000) throw new ArgumentOutOfRangeException(nameof(bins), bins, $"bins must be 1..10000, got {bins}");
        var all = values.ToArray();
        var finite = all.Where(double.IsFinite).ToArray();
        if (finite.Length == 0) throw new ArgumentException($"Plot.Histogram needs at least one finite value, got {all.Length} values and none finite");
        double low = finite.Min(), high = finite.Max();
        if (!(high > low)) { low -= 0.5; high += 0.5; }
        var h = Probes.Histogram.Of(finite, low, high, bins);
        var left = all.Length - finite.Length;
        var name = title ?? $"histogram of {finite.Length:N0} values";
        if (left > 0) name += $" ({left:N0} NaN or infinite left out)";
        return Chart.From(FigureSpec.Histograms(name, "value",
            (name, Enumerable.Range(0, h.Bins).Select(h.BinCenter).ToArray(), h.Counts.Select(c => (double)c).ToArray())));
    }

    /// <summary>One bar per category (class counts, accuracy per model).</summary>
    public static Chart Bar(string[] categories, double[] values, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(categories);
        ArgumentNullException.ThrowIfNull(values);
        SameLength(categories, values, "categories", "values");
        return Chart.From(FigureSpec.Bars(title, null, null, categories, (title ?? "value", values)));
    }

    /// <summary>Points (x[i], y[i]), coloured by class when <paramref name="classes"/> is given (a 2-D data set).</summary>
    public static Chart Scatter(double[] x, double[] y, int[]? classes = null, string? title = null, string[]? classNames = null)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        SameLength(x, y, "x", "y");
        if (classes is not null) SameLength(x, classes, "x", "classes");
        return Chart.From(FigureSpec.Scatter(title, x, y, classes ?? new int[x.Length], classes is null ? ["points"] : classNames, xTitle: "x", yTitle: "y"));
    }

    /// <summary>A matrix as colours, row 0 at the top (weights, a confusion matrix).</summary>
    public static Chart Heatmap(double[,] z, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(z);
        var rows = Enumerable.Range(0, z.GetLength(0)).Select(i => Enumerable.Range(0, z.GetLength(1)).Select(j => z[i, j]).ToArray()).ToArray();
        return HeatmapOf(rows, title ?? $"({z.GetLength(0)}, {z.GetLength(1)})");
    }

    /// <summary>A MathNet matrix as colours, row 0 at the top; signed values (weights) on a red-blue scale.</summary>
    public static Chart Heatmap(Matrix<double> m, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(m);
        var rows = Enumerable.Range(0, m.RowCount).Select(i => m.Row(i).ToArray()).ToArray();
        return HeatmapOf(rows, title ?? $"({m.RowCount}, {m.ColumnCount})");
    }

    private static Chart HeatmapOf(double[][] rows, string title)
    {
        if (rows.Length == 0 || rows[0].Length == 0) throw new ArgumentException($"Plot.Heatmap needs a matrix with at least one element, got {title}");
        bool signed = rows.Any(r => r.Any(v => v < 0)) && rows.Any(r => r.Any(v => v > 0));
        var spec = FigureSpec.Heatmap(title, rows, xTitle: "column", yTitle: "row", colorScale: signed ? ColorScales.RdBu : ColorScales.Viridis);
        if (!signed) return Chart.From(spec);
        // Signed values: white at 0, the same depth of red and blue for the same magnitude.
        double a = rows.SelectMany(r => r).Where(double.IsFinite).Max(Math.Abs);
        var panel = spec.Panels[0];
        return Chart.From(spec with { Panels = [panel with { Traces = [panel.Traces[0] with { ColorRange = new AxisRange(-a, a) }] }] });
    }

    private static void SameLength<TA, TB>(TA[] a, TB[] b, string aName, string bName)
    {
        if (a.Length != b.Length) throw new ArgumentException($"{aName} has {a.Length} values but {bName} has {b.Length}: they must pair up");
    }
}
