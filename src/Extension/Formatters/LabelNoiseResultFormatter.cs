using NotebookDL.Analysis;
using NotebookDL.Charts.Spec;

namespace NotebookDL.Extension.Formatters;

/// <summary>
/// Random against systematic label noise: the dev error of the clean network and of one network per kind and
/// rate (table and lines against the noise rate), with the lecture's conclusion drawn from the numbers.
/// </summary>
public static class LabelNoiseResultFormatter
{
    public static string Html(LabelNoiseResult r)
    {
        var rows = new List<string[]> { new[] { "clean labels", "0%", "0", Reports.Html.Percent(r.CleanDevError), "", Reports.Html.Percent(r.CleanTrainError) } };
        rows.AddRange(r.Trials.Select(t => new[]
        {
            t.Kind == NoiseKind.Random ? "random" : "systematic (c → c+1)", Reports.Html.Percent(t.Rate, 0), t.Flipped.ToString("N0", System.Globalization.CultureInfo.InvariantCulture),
            t.Trained ? Reports.Html.Percent(t.DevError) : "not trained", t.Trained ? Points(r.Harm(t)) : "", t.Trained ? Reports.Html.Percent(t.TrainError) : "",
        }));
        return Reports.Html.Block(
            Reports.Html.Table(["training labels", "wrong", "labels changed", "dev error (clean labels)", "vs clean", "train error (its own labels)"], rows,
                Reports.Html.Encode($"{r.TrainCount:N0} training examples, {r.DevCount:N0} dev examples with clean labels")),
            Reports.Html.Note(r.Verdict, r.StopMessage is null ? "ok" : "warn"));
    }

    public static string Text(LabelNoiseResult r) => r.ToString();

    /// <summary>Dev error against the noise rate: one line per kind, both starting at the clean network.</summary>
    public static FigureSpec Figure(LabelNoiseResult r)
    {
        TraceSpec Line(NoiseKind kind, string name, string color)
        {
            var trials = r.Trials.Where(t => t.Kind == kind && t.Trained).OrderBy(t => t.Rate).ToArray(); // an untrained network's error says nothing
            return TraceSpec.Line(name, [0, .. trials.Select(t => 100 * t.Rate)], [100 * r.CleanDevError, .. trials.Select(t => 100 * t.DevError)])
                with { Kind = TraceKinds.LinesMarkers, Color = color };
        }
        return new FigureSpec
        {
            Title = "dev error against the share of wrong training labels",
            Height = 360,
            Panels =
            [
                new PanelSpec
                {
                    XTitle = "training labels made wrong (%)", YTitle = "dev error (%)",
                    Traces = [Line(NoiseKind.Random, "random noise", "#1f77b4"), Line(NoiseKind.Systematic, "systematic noise", "#d62728")],
                },
            ],
        };
    }

    public static IReadOnlyList<Chart> Charts(LabelNoiseResult r) => [Chart.From(Figure(r))];

    public static string HtmlWithCharts(LabelNoiseResult r) => Html(r) + string.Concat(Charts(r).Select(c => c.ToHtml()));

    private static string Points(double v) => ErrorGap.Points(v) + " points";
}
