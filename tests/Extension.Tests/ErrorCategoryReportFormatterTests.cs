using NotebookDL.Analysis;
using NotebookDL.Extension.Formatters;

namespace NotebookDL.Tests.Extension;

public class ErrorCategoryReportFormatterTests
{
    private static ErrorCategoryReport Lecture() => ErrorCategoryReport.FromCounts(0.10, 100, ("dogs", 5), ("great cats", 50), ("blurry", 43));

    [Fact]
    public void The_spreadsheet_lists_categories_largest_first_with_share_and_ceiling()
    {
        var html = ErrorCategoryReportFormatter.Html(Lecture());
        Assert.True(html.IndexOf("great cats") < html.IndexOf("blurry") && html.IndexOf("blurry") < html.IndexOf("dogs"));
        Assert.Contains(">5.0%</td><td style=\"border:1px solid #ddd;padding:2px 8px;text-align:right\">10.0% → 9.5%</td>", html);
        Assert.Contains("10.0% → 5.0%", html);
        Assert.Contains("10.0% → 5.7%", html);
        Assert.Contains("100 errors looked at; dev error 10.0%", html);
        HtmlChecks.AssertReadable(html);
    }

    [Fact]
    public void The_chart_sets_each_ceiling_beside_the_error_now()
    {
        var figure = ErrorCategoryReportFormatter.Figure(Lecture());
        var traces = figure.Panels[0].Traces;
        Assert.Equal(["great cats", "blurry", "dogs"], traces[1].Categories!);
        Assert.Equal([5.0, 5.7, 9.5], traces[1].Y!.Select(v => Math.Round(v, 9)));
        Assert.All(traces[0].Y!, v => Assert.Equal(10, v, 9));
        Assert.Null(ErrorCategoryReportFormatter.Charts(Lecture())[0].Error);
    }
}
