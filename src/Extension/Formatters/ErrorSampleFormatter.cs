using System.Globalization;
using System.Text;
using NotebookDL.Analysis;
using NotebookDL.Data;

namespace NotebookDL.Extension.Formatters;

/// <summary>
/// Error analysis at a glance: how many dev examples are wrong, the confusion matrix (heatmap and table), and
/// the sampled errors themselves — a gallery of pictures captioned with the true and predicted class and the
/// classifier's confidence for image data, a table for other data — so a person can tag them.
/// </summary>
public static class ErrorSampleFormatter
{
    /// <summary>At most this many errors are drawn in the gallery or listed in the table.</summary>
    public const int MaxShown = 60;

    /// <summary>Features listed per example in the table for non-image data.</summary>
    private const int FeaturesShown = 6;

    public static string Html(ErrorSample s) => Html(s, MaxShown);

    public static string Html(ErrorSample s, int shown) => Reports.Html.Block(
        Reports.Html.Heading(Summary(s)),
        ConfusionMatrixFormatter.Html(s.Confusion),
        s.Errors.Count == 0 ? Reports.Html.Note("no example is misclassified: there is nothing to analyse") : Examples(s, shown));

    public static string Text(ErrorSample s)
    {
        var sb = new StringBuilder(Summary(s)).AppendLine();
        sb.AppendLine(ConfusionMatrixFormatter.Text(s.Confusion));
        foreach (var e in s.Errors.Take(MaxShown)) sb.AppendLine(e.ToString());
        if (s.Errors.Count > MaxShown) sb.Append(CultureInfo.InvariantCulture, $"… and {s.Errors.Count - MaxShown} more");
        return sb.ToString().TrimEnd();
    }

    /// <summary>The confusion matrix's heatmap.</summary>
    public static IReadOnlyList<Chart> Charts(ErrorSample s) => ConfusionMatrixFormatter.Charts(s.Confusion);

    public static string HtmlWithCharts(ErrorSample s) => Html(s) + string.Concat(Charts(s).Select(c => c.ToHtml()));

    /// <summary>"23 of 300 examples of 'digits (val)' misclassified (error 7.7%); 23 sampled (seed 0)".</summary>
    public static string Summary(ErrorSample s) => s.ToString();

    /// <summary>The sampled errors: a gallery for image data, else a table; the first <paramref name="shown"/> of them.</summary>
    public static string Examples(ErrorSample s, int shown = MaxShown)
    {
        var errors = s.Errors.Take(shown).ToList();
        var more = s.Errors.Count > errors.Count ? $" (the first {errors.Count} of the {s.Errors.Count} sampled)" : "";
        return s.Data.Image is { } shape
            ? Reports.Html.Detail($"misclassified examples{more}: #index, true → predicted (confidence); tag them by index, e.g. errors.Tag((index, \"blurry\"))") + Gallery(errors, shape)
            : Table(errors, more);
    }

    /// <summary>
    /// Pictures of <paramref name="errors"/> (before preprocessing when kept, else as the network saw them;
    /// each scaled to its own min..max and enlarged to about 56 px), captioned "#index", "true → predicted", "p = 0.83".
    /// </summary>
    public static string Gallery(IReadOnlyList<MisclassifiedExample> errors, ImageShape shape)
    {
        int scale = Math.Clamp((int)Math.Ceiling(56.0 / Math.Max(shape.Height, shape.Width)), 1, 64);
        var sb = new StringBuilder("<div style=\"display:flex;flex-wrap:wrap;gap:6px;margin:4px 0\">");
        foreach (var e in errors)
        {
            var uri = Png.DataUri(Png.OfImage(e.Picture ?? e.Features, shape, scale));
            var label = $"#{e.Index}: true {e.ActualName}, predicted {e.PredictedName}";
            sb.Append("<figure style=\"margin:0;text-align:center;font-size:11px;line-height:1.2\">")
              .Append($"<img src=\"{uri}\" width=\"{shape.Width * scale}\" height=\"{shape.Height * scale}\" alt=\"{Reports.Html.Encode(label)}\" title=\"{Reports.Html.Encode(label)}\" style=\"image-rendering:pixelated;display:block;margin:auto\">")
              .Append($"<figcaption>#{e.Index}<br><b>{Reports.Html.Encode(e.ActualName)}</b> → <span style=\"color:#d93025\">{Reports.Html.Encode(e.PredictedName)}</span><br>{Reports.Html.Fixed(e.Confidence, 2)}</figcaption></figure>");
        }
        return sb.Append("</div>").ToString();
    }

    /// <summary>The errors of non-image data as a table: index, true, predicted, confidence, p(true), the first features.</summary>
    public static string Table(IReadOnlyList<MisclassifiedExample> errors, string more = "")
    {
        int features = errors.Count == 0 ? 0 : Math.Min(FeaturesShown, errors[0].Features.Length);
        var headers = new List<string> { "example", "true", "predicted", "confidence", "p(true)" };
        headers.AddRange(Enumerable.Range(0, features).Select(j => $"x{j}"));
        if (errors.Count > 0 && errors[0].Features.Length > features) headers.Add("…");
        var rows = errors.Select(e =>
        {
            var cells = new List<string>
            {
                "#" + e.Index.ToString(CultureInfo.InvariantCulture), Reports.Html.Encode(e.ActualName), Reports.Html.Encode(e.PredictedName),
                Reports.Html.Fixed(e.Confidence, 3), Reports.Html.Fixed(e.ActualProbability, 3),
            };
            cells.AddRange(e.Features.Take(features).Select(v => Reports.Html.Num(v, 3)));
            if (e.Features.Length > features) cells.Add("");
            return cells;
        });
        return Reports.Html.Table(headers, rows, Reports.Html.Encode($"misclassified examples{more}"));
    }
}
