using System.Globalization;
using System.Text;
using NotebookDL.Training;

namespace NotebookDL.Extension.Formatters;

/// <summary>
/// The network at a glance, updated at every step of a training session: one row per layer with the spread of
/// its activations and of its gradients, each with a bar on a log scale (so a spread that shrinks or grows by
/// orders of magnitude from layer to layer, vanishing or exploding, shows as bars getting shorter or longer),
/// the saturated or dead share, the update-to-weight ratio coloured against the healthy 1e-3, and sparklines
/// of both spreads over the last iterations.
/// </summary>
public static class GlanceFormatter
{
    /// <summary>Iterations drawn in a sparkline.</summary>
    public const int SparklinePoints = 60;

    // Bars: 10 px per decade from 1e-6 to 10.
    private const double BarLow = -6, BarHigh = 1, PixelsPerDecade = 10;

    public static string Html(TrainingSession s)
    {
        var glance = s.Glance;
        var history = s.Glances.TakeLast(SparklinePoints).ToList();
        bool saturates = glance.Any(g => !double.IsNaN(g.Saturated));
        bool relu = glance.Any(g => !double.IsNaN(g.DeadUnits));
        var headers = new List<string> { "layer", "", "A mean", "A std", };
        if (saturates) headers.Add("saturated");
        if (relu) headers.Add("zeros / dead units");
        headers.AddRange(["dZ std", "W std", "update / weight", "A std trend", "dZ std trend"]);
        var rows = glance.Select(g =>
        {
            var cells = new List<string>
            {
                g.Layer.ToString(CultureInfo.InvariantCulture) + (g.Layer == glance.Count ? " (out)" : ""),
                $"<span style=\"color:#666\">{Reports.Html.Encode(Short(g.Name))}</span>",
                Value(g.ActivationMean),
                Value(g.ActivationStd) + Bar(g.ActivationStd, "#4c78a8"),
            };
            if (saturates) cells.Add(Share(g.Saturated, 0.05));
            if (relu) cells.Add(double.IsNaN(g.DeadUnits) ? "" : Share(g.Zeros, 2) + " / " + Share(g.DeadUnits, 0.1));
            cells.Add(Value(g.GradientStd) + Bar(g.GradientStd, "#f58518"));
            cells.Add(Value(g.WeightStd));
            cells.Add(Ratio(g.UpdateRatio));
            cells.Add(Sparkline(history.Select(h => h.Layers[g.Layer - 1].ActivationStd).ToArray(), "#4c78a8"));
            cells.Add(Sparkline(history.Select(h => h.Layers[g.Layer - 1].GradientStd).ToArray(), "#f58518"));
            return cells;
        });
        string when = s.Current is { } r
            ? $"iteration {r.Iteration} (epoch {r.Epoch}, batch {r.Batch} of {r.BatchesPerEpoch})" + (r.Complete ? "" : $", after {r.Last}")
            : "before the first step (weights only)";
        return Reports.Html.Block(
            Reports.Html.Table(headers, rows, Reports.Html.Encode($"network at a glance: {when}")),
            Reports.Html.Detail("A: each layer's activations (the scores Z for the output layer); dZ: the gradient at its linear output. Bars on a log scale " +
                        "(1e-6 to 10): bars shrinking down the layers mean vanishing activations or gradients, growing ones exploding. " +
                        $"update / weight = ‖ΔW‖/‖W‖: about 1e-3 is healthy (green), within 10x amber, else red. Trends: the last {SparklinePoints} iterations on a log scale."));
    }

    public static string Text(TrainingSession s) =>
        string.Join("\n", s.Glance.Select(g => g.ToString()));

    /// <summary>The ratio coloured against the lecture's healthy 1e-3: green within 3x, amber within 10x, red beyond.</summary>
    public static string Ratio(double r)
    {
        if (!double.IsFinite(r) || r <= 0) return "–";
        double off = Math.Abs(Math.Log10(r) + 3);
        var color = off <= Math.Log10(3) ? "#2e7d32" : off <= 1 ? "#b26a00" : "#c62828";
        return $"<span style=\"color:{color};font-weight:bold\">{Reports.Html.Num(r, 2)}</span>";
    }

    /// <summary>A horizontal bar whose length is log10 of the value (1e-6 to 10).</summary>
    internal static string Bar(double v, string color)
    {
        if (!double.IsFinite(v) || v <= 0) return "";
        double width = Math.Clamp(Math.Log10(v) - BarLow, 0.2, BarHigh - BarLow) * PixelsPerDecade;
        return $"<span style=\"display:inline-block;width:{width.ToString("F0", CultureInfo.InvariantCulture)}px;height:8px;" +
               $"background:{color};margin-left:4px;vertical-align:middle\"></span>";
    }

    /// <summary>An inline SVG line of the values on a log scale fitted to them (gaps left out), or "" with fewer than 2.</summary>
    internal static string Sparkline(double[] values, string color, int width = 70, int height = 16)
    {
        var points = values.Select((v, i) => (i, v)).Where(p => double.IsFinite(p.v) && p.v > 0).ToList();
        if (points.Count < 2) return "";
        double lo = points.Min(p => Math.Log10(p.v)), hi = points.Max(p => Math.Log10(p.v));
        double span = Math.Max(hi - lo, 1e-9);
        var c = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        foreach (var (i, v) in points)
        {
            double x = values.Length == 1 ? 0 : (double)i / (values.Length - 1) * (width - 2) + 1;
            double y = height - 2 - (Math.Log10(v) - lo) / span * (height - 4);
            sb.Append(c, $"{x:F1},{y:F1} ");
        }
        var title = $"{Reports.Html.Num(points.Min(p => p.v), 2)} to {Reports.Html.Num(points.Max(p => p.v), 2)} over the last {values.Length} iterations (log scale)";
        return $"<svg width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" style=\"vertical-align:middle\">" +
               $"<title>{Reports.Html.Encode(title)}</title>" +
               $"<polyline fill=\"none\" stroke=\"{color}\" stroke-width=\"1.2\" points=\"{sb.ToString().TrimEnd()}\" /></svg>";
    }

    /// <summary>A value for a table cell: "–" when not computed yet.</summary>
    internal static string Value(double v) => double.IsNaN(v) ? "–" : Reports.Html.Num(v, 3);

    /// <summary>A share in %, bold red above <paramref name="alarm"/>.</summary>
    internal static string Share(double v, double alarm)
    {
        if (double.IsNaN(v)) return "–";
        var text = Reports.Html.Percent(v);
        return v > alarm ? $"<span style=\"color:#c62828;font-weight:bold\">{text}</span>" : text;
    }

    /// <summary>"Dense 64→100 (no bias) → BatchNorm(100) → ReLU" without the "(no bias)" aside, for a narrow column.</summary>
    private static string Short(string name) => name.Replace(" (no bias)", "", StringComparison.Ordinal);
}
