using NotebookDL.Analysis;
using NotebookDL.Charts.Spec;

namespace NotebookDL.Extension.Formatters;

/// <summary>
/// The lecture's table for two distributions: human-level, train, train-dev, dev and test error; each gap
/// named (avoidable bias, variance, data mismatch, overfitting to dev) with the biggest highlighted; the
/// verdict with its remedy; a bar chart of the errors as a staircase.
/// </summary>
public static class BiasVarianceTableFormatter
{
    public static string Html(BiasVarianceTable t)
    {
        var errors = Errors(t).Select(e => new[] { Reports.Html.Encode(e.Name), e.Error is double v ? Reports.Html.Percent(v) : "–" });
        var problem = t.Problem;
        var gaps = t.Gaps.Select(g =>
        {
            bool biggest = problem is not null && g.Kind == problem.Kind;
            string Bold(string s) => biggest ? $"<b>{s}</b>" : s;
            return new[]
            {
                Bold(Reports.Html.Encode(ErrorGap.Label(g.Kind))),
                Reports.Html.Encode($"{g.From} → {g.To}"),
                Bold(Points(g.Size)),
            };
        });
        return Reports.Html.Block(
            Reports.Html.Row(
                Reports.Html.Table(["set", "error"], errors, "errors"),
                Reports.Html.Table(["problem", "gap", "size"], gaps, "gaps")),
            Reports.Html.Note("verdict: " + t.Verdict, problem is null ? "ok" : "warn"));
    }

    public static string Text(BiasVarianceTable t) => t.ToString();

    /// <summary>The errors as bars from human level to test.</summary>
    public static FigureSpec Figure(BiasVarianceTable t)
    {
        var present = Errors(t).Where(e => e.Error is not null).ToArray();
        string[] names = [.. present.Select(e => e.Name)];
        double[] values = [.. present.Select(e => 100 * e.Error!.Value)];
        return new FigureSpec
        {
            Title = "errors from human level to test" + (t.Problem is { } p ? $": the biggest step is {ErrorGap.Label(p.Kind)}" : ""),
            Height = 320,
            ShowLegend = false,
            Panels =
            [
                new PanelSpec
                {
                    XTitle = "set", YTitle = "error (%)",
                    Traces = [TraceSpec.Bars("error", names, values) with { Text = [.. values.Select(v => Reports.Html.Fixed(v, 1) + "%")] }],
                },
            ],
        };
    }

    public static IReadOnlyList<Chart> Charts(BiasVarianceTable t) => [Chart.From(Figure(t))];

    public static string HtmlWithCharts(BiasVarianceTable t) => Html(t) + string.Concat(Charts(t).Select(c => c.ToHtml()));

    private static (string Name, double? Error)[] Errors(BiasVarianceTable t) =>
    [
        ("human-level", t.HumanError), ("train", t.TrainError), ("train-dev", t.TrainDevError), ("dev", t.DevError), ("test", t.TestError),
    ];

    private static string Points(double v) => ErrorGap.Points(v) + " points";
}
