using NotebookDL.Charts.Spec;
using NotebookDL.Search;
using NotebookDL.Training;

namespace NotebookDL.Extension.Formatters;

/// <summary>A learning-rate range test: cost against lr on a log axis, smoothed, with the 3x stop line and the suggestion.</summary>
public static class LearningRateFinderFormatter
{
    public static string Html(LearningRateFinderResult r) => Reports.Html.Block(Chart.From(Figure(r)).ToHtml(), Notes(r));

    /// <summary>
    /// Raw and smoothed cost per iteration against its learning rate (log x axis), a dashed line at 3x the initial
    /// cost (where the run stops) and markers at the lowest smoothed cost and at the suggested rate (a tenth of it).
    /// </summary>
    public static FigureSpec Figure(LearningRateFinderResult r)
    {
        var smoothed = r.Smoothed;
        double stop = 3 * r.InitialCost;
        double top = double.IsFinite(stop) && stop > 0 ? 1.1 * stop : 1;
        double lo = r.Rates.Length > 0 ? r.Rates[0] : 1e-6, hi = r.Rates.Length > 0 ? r.Rates[^1] : 1;
        var traces = new List<TraceSpec>
        {
            TraceSpec.Line("cost per iteration", r.Rates, r.Costs) with { Color = "#bbbbbb" },
            TraceSpec.Line("smoothed (EWA, beta 0.9)", r.Rates, smoothed) with { LineWidth = 2.5 },
            TraceSpec.Line("3 x initial cost: stop", [lo, hi], [stop, stop]) with { Dash = "dash", Color = "#d62728" },
        };
        if (double.IsFinite(r.MinimumCostRate))
        {
            traces.Add(TraceSpec.Line("lowest smoothed cost", [r.MinimumCostRate, r.MinimumCostRate], [0, top]) with { Dash = "dot", Color = "#7f7f7f" });
            traces.Add(TraceSpec.Line($"suggested lr {Reports.Html.Num(r.Suggested)}", [r.Suggested, r.Suggested], [0, top]) with { Dash = "dash", Color = "#2ca02c" });
        }
        return new FigureSpec
        {
            Title = "learning-rate range test: cost as the learning rate grows exponentially",
            Height = 420,
            Panels = [new PanelSpec { XTitle = "learning rate", YTitle = "cost", LogX = true, YRange = new AxisRange(0, top), Traces = [.. traces] }],
        };
    }

    /// <summary>Why it stopped and what it suggests.</summary>
    public static string Notes(LearningRateFinderResult r)
    {
        var kind = r.StopReason switch
        {
            StopReason.CostExploded or StopReason.NotFinite or StopReason.Completed => "ok",
            _ => "warn",
        };
        return Reports.Html.Block(
            Reports.Html.Note($"{r.Costs.Length} iterations, lr {Reports.Html.Num(r.Rates.FirstOrDefault())} → {Reports.Html.Num(r.Rates.LastOrDefault())}; initial cost {Reports.Html.Fixed(r.InitialCost, 4)}; stopped: {r.StopMessage}", kind),
            double.IsFinite(r.Suggested)
                ? Reports.Html.Note($"lowest smoothed cost at lr {Reports.Html.Num(r.MinimumCostRate)}; suggested learning rate {Reports.Html.Num(r.Suggested)} (a tenth of it: still falling fast, safely below where the cost explodes)")
                : Reports.Html.Note("no finite cost: nothing to suggest", "bad"),
            double.IsFinite(r.Suggested) ? Reports.Html.Note("verdict: " + r.Verdict) : null);
    }
}
