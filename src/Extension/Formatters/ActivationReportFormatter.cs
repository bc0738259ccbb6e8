using System.Globalization;
using System.Text;
using NotebookDL.Charts.Spec;
using NotebookDL.Probes;

namespace NotebookDL.Extension.Formatters;

/// <summary>
/// Activation statistics as the lecture's initialisation demo shows them: per layer the mean, std, range,
/// saturated share (tanh, sigmoid), share of zeros and of dead units (ReLU), a histogram per layer and the
/// std per layer as a line; and several reports (small / large / Xavier init) side by side.
/// </summary>
public static class ActivationReportFormatter
{
    /// <summary>At most this many histogram panels per figure: deeper nets show evenly spaced layers.</summary>
    public const int MaxHistogramPanels = 20;

    public static string Html(ActivationReport report)
    {
        var rows = report.Rows.Select(r => new[]
        {
            Reports.Html.Encode(r.Label), Reports.Html.Encode(r.LayerName), Signed(r.Mean), "<b>" + Reports.Html.Num(r.Std) + "</b>",
            Reports.Html.Num(r.Min), Reports.Html.Num(r.Max), Share(r.SaturatedFraction), Share(r.ZeroFraction), Share(r.DeadUnitFraction),
        });
        return Reports.Html.Block(
            Reports.Html.Heading(report.Title),
            Reports.Html.Table(["layer", "", "mean", "std", "min", "max", "saturated", "zero", "dead units"], rows),
            Reports.Html.Detail("over all N·D values of each layer's output; saturated: |a| > 0.99 for tanh, a < 0.01 or a > 0.99 for sigmoid; " +
                                   "dead units: zero for every example"));
    }

    public static string Text(ActivationReport report) => report.ToString();

    /// <summary>The histograms per layer and the std per layer.</summary>
    public static IReadOnlyList<Chart> Charts(ActivationReport report) =>
        [Chart.From(HistogramFigure(report, report.Title)), Chart.From(StdFigure([("std", report)], logY: NeedsLogScale([report])))];

    /// <summary>The table with its charts inline: what a C# cell returning a report shows.</summary>
    public static string HtmlWithCharts(ActivationReport report) => Html(report) + string.Concat(Charts(report).Select(c => c.ToHtml()));

    /// <summary>Several reports side by side: one compact table each, titled by its name and what the run was.</summary>
    public static string Html(IReadOnlyDictionary<string, ActivationReport> reports)
    {
        var tables = reports.Select(kv =>
        {
            var r0 = kv.Value.Rows.FirstOrDefault();
            bool saturates = kv.Value.Rows.Any(r => !double.IsNaN(r.SaturatedFraction));
            var headers = new List<string> { "layer", "mean", "std", saturates ? "saturated" : "zero" };
            bool dead = kv.Value.Rows.Any(r => r.DeadUnitFraction > 0);
            if (dead) headers.Add("dead units");
            var rows = kv.Value.Rows.Select((r, i) =>
            {
                var cells = new List<string>
                {
                    (i + 1).ToString(CultureInfo.InvariantCulture), Signed(r.Mean), "<b>" + Reports.Html.Num(r.Std) + "</b>",
                    Share(saturates ? r.SaturatedFraction : r.ZeroFraction),
                };
                if (dead) cells.Add(Share(r.DeadUnitFraction));
                return cells;
            });
            var caption = $"<span style=\"font-size:14px\">{Reports.Html.Encode(kv.Key)}</span><br><span style=\"font-weight:normal;color:#666\">{Reports.Html.Encode(kv.Value.Title)}</span>";
            return Reports.Html.Table(headers, rows, caption);
        });
        return Reports.Html.Block(
            Reports.Html.Heading($"activations per layer for {reports.Count} initialisations: {string.Join(", ", reports.Keys)}"),
            Reports.Html.Row([.. tables]));
    }

    /// <summary>The comparison as text: one line per layer, a mean/std/saturated group per report.</summary>
    public static string Text(IReadOnlyDictionary<string, ActivationReport> reports)
    {
        var sb = new StringBuilder();
        foreach (var (name, report) in reports) sb.AppendLine($"{name}: {report.Title}");
        sb.Append($"{"layer",5}");
        foreach (var name in reports.Keys) sb.Append($" | {Clip(name, 29),-29}");
        sb.AppendLine();
        sb.Append($"{"",5}");
        foreach (var report in reports.Values)
            sb.Append($" | {"mean",9} {"std",9} {(report.Rows.Any(r => !double.IsNaN(r.SaturatedFraction)) ? "sat." : "zero"),9}");
        sb.AppendLine();
        int layers = reports.Values.Max(r => r.Rows.Count);
        for (int l = 0; l < layers; l++)
        {
            sb.Append($"{l + 1,5}");
            foreach (var report in reports.Values)
            {
                if (l >= report.Rows.Count) { sb.Append($" | {"",29}"); continue; }
                var r = report.Rows[l];
                var share = double.IsNaN(r.SaturatedFraction) ? r.ZeroFraction : r.SaturatedFraction;
                sb.Append($" | {Signed(r.Mean),9} {Reports.Html.Num(r.Std),9} {Share(share),9}");
            }
            sb.AppendLine();
        }
        return sb.ToString().TrimEnd();
    }

    /// <summary>The std per layer of every report in one chart (log y: the spreads differ by decades), then each report's histograms.</summary>
    public static IReadOnlyList<Chart> Charts(IReadOnlyDictionary<string, ActivationReport> reports) =>
    [
        Chart.From(StdFigure(reports.Select(kv => (kv.Key, kv.Value)).ToArray(), logY: true)),
        .. reports.Select(kv => Chart.From(HistogramFigure(kv.Value, $"{kv.Key}: {kv.Value.Title}"))),
    ];

    /// <summary>The comparison tables with their charts inline.</summary>
    public static string HtmlWithCharts(IReadOnlyDictionary<string, ActivationReport> reports) =>
        Html(reports) + string.Concat(Charts(reports).Select(c => c.ToHtml()));

    /// <summary>
    /// One histogram panel per layer (at most <see cref="MaxHistogramPanels"/>, evenly spaced, first and last
    /// included), five to a row.
    /// </summary>
    public static FigureSpec HistogramFigure(ActivationReport report, string? title)
    {
        var shown = Spaced(report.Rows.Count, MaxHistogramPanels).Select(i => report.Rows[i]).ToArray();
        var panels = shown.Select(r => (
            // Short titles: five panels share a row; the mean is in the table.
            $"{r.Label.Replace("hidden layer", "layer")}: std {Reports.Html.Num(r.Std, 2)}",
            Enumerable.Range(0, r.Histogram.Bins).Select(r.Histogram.BinCenter).ToArray(),
            r.Histogram.Counts.Select(c => (double)c).ToArray())).ToArray();
        int columns = Math.Min(5, Math.Max(1, panels.Length));
        int gridRows = (panels.Length + columns - 1) / columns;
        var suffix = shown.Length < report.Rows.Count ? $" ({shown.Length} of {report.Rows.Count} layers)" : "";
        return FigureSpec.Histograms(title + suffix, "activation", panels) with { Columns = columns, Height = 80 + 220 * Math.Max(1, gridRows) };
    }

    /// <summary>The std of each layer's activations against the layer number, one line per report.</summary>
    public static FigureSpec StdFigure(IReadOnlyList<(string Name, ActivationReport Report)> reports, bool logY)
    {
        var spec = FigureSpec.Lines("std of the activations per layer", "layer", logY ? "std (log scale)" : "std",
            reports.Select(r => (r.Name, Enumerable.Range(1, r.Report.Rows.Count).Select(i => (double)i).ToArray(),
                                 r.Report.Rows.Select(x => x.Std).ToArray())).ToArray());
        var panel = spec.Panels[0] with
        {
            LogY = logY,
            Traces = [.. spec.Panels[0].Traces.Select(t => t with { Kind = TraceKinds.LinesMarkers })],
        };
        return spec with { Panels = [panel] };
    }

    /// <summary>Whether the stds span more than two decades (the small-init collapse), so a log axis shows them.</summary>
    private static bool NeedsLogScale(IEnumerable<ActivationReport> reports)
    {
        var stds = reports.SelectMany(r => r.Rows).Select(r => r.Std).Where(s => s > 0 && double.IsFinite(s)).ToArray();
        return stds.Length > 1 && stds.Max() / stds.Min() > 100;
    }

    /// <summary>Up to <paramref name="max"/> evenly spaced indices of 0..n-1, first and last included.</summary>
    public static IReadOnlyList<int> Spaced(int n, int max) =>
        n <= max ? Enumerable.Range(0, n).ToArray()
                 : Enumerable.Range(0, max).Select(k => (int)Math.Round(k * (n - 1) / (double)(max - 1))).Distinct().ToArray();

    private static string Signed(double v) => (v >= 0 ? "+" : "") + Reports.Html.Num(v);

    private static string Share(double fraction) => double.IsNaN(fraction) ? "–" : Reports.Html.Percent(fraction);

    private static string Clip(string s, int n) => s.Length <= n ? s : s[..(n - 1)] + "…";
}
