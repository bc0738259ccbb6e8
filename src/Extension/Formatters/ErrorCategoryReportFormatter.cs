using System.Globalization;
using NotebookDL.Analysis;
using NotebookDL.Charts.Spec;

namespace NotebookDL.Extension.Formatters;

/// <summary>
/// The lecture's error-analysis spreadsheet: per category the errors in it, their share, and the ceiling —
/// the dev error if every error of the category were fixed — largest first, with the advice; a bar chart of
/// the error now against each category's ceiling.
/// </summary>
public static class ErrorCategoryReportFormatter
{
    public static string Html(ErrorCategoryReport r)
    {
        var rows = Ordered(r).Select(x => new[]
        {
            Reports.Html.Encode(x.Name), x.Count.ToString(CultureInfo.InvariantCulture), Reports.Html.Percent(x.Share),
            Reports.Html.Percent(r.ErrorRate) + " → " + Reports.Html.Percent(x.Ceiling), Reports.Html.Percent(x.MaxGain),
        }).ToList();
        var c = CultureInfo.InvariantCulture;
        var caption = string.Create(c, $"{r.Sampled} errors looked at") +
            (r.TotalErrors > r.Sampled ? string.Create(c, $" (of {r.TotalErrors:N0})") : "") +
            (r.Examined > 0 ? string.Create(c, $" among {r.Examined:N0} dev examples") : "") + $"; dev error {Reports.Html.Percent(r.ErrorRate)}";
        return Reports.Html.Block(
            Reports.Html.Table(["category", "errors", "share of errors", "error if fixed (ceiling)", "at most gained"], rows, Reports.Html.Encode(caption)),
            r.Uncategorized >= 0 ? Reports.Html.Detail($"{r.Uncategorized} of the {r.Sampled} errors fall in no category; an error may fall in several") : null,
            Reports.Html.Note(r.Advice, r.Largest.Count == 0 ? "warn" : "ok"));
    }

    public static string Text(ErrorCategoryReport r) => r.ToString();

    /// <summary>Bars: the error now, and each category's ceiling.</summary>
    public static FigureSpec Figure(ErrorCategoryReport r)
    {
        var ordered = Ordered(r);
        string[] names = [.. ordered.Select(c => c.Name)];
        return new FigureSpec
        {
            Title = "dev error if each category were fixed (the ceiling of working on it)",
            Height = 340,
            Panels =
            [
                new PanelSpec
                {
                    XTitle = "category", YTitle = "dev error (%)",
                    Traces =
                    [
                        TraceSpec.Bars("error now", names, [.. ordered.Select(_ => 100 * r.ErrorRate)]) with { Color = "#bbbbbb" },
                        TraceSpec.Bars("error if fixed", names, [.. ordered.Select(c => 100 * c.Ceiling)]) with { Color = "#2e7d32" },
                    ],
                },
            ],
        };
    }

    public static IReadOnlyList<Chart> Charts(ErrorCategoryReport r) => [Chart.From(Figure(r))];

    public static string HtmlWithCharts(ErrorCategoryReport r) => Html(r) + string.Concat(Charts(r).Select(c => c.ToHtml()));

    private static List<ErrorCategory> Ordered(ErrorCategoryReport r) => [.. r.Categories.OrderByDescending(c => c.Count)];
}
