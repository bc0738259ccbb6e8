using NotebookDL.Charts.Spec;
using NotebookDL.Ensembles;
using NotebookDL.Extension.Formatters;

namespace NotebookDL.Extension.Formatters;

/// <summary>An ensemble against its members: accuracies side by side, the gain, and how its runs trained.</summary>
public static class EnsembleFormatter
{
    public static string Html(EnsembleRun run) => Reports.Html.Block(
        Chart.From(AccuracyFigure(run.Report)).ToHtml(), Chart.From(TrainingFigure(run)).ToHtml(), Table(run.Report), GainNote(run.Report));

    public static string Html(EnsembleReport report) => Reports.Html.Block(Chart.From(AccuracyFigure(report)).ToHtml(), Table(report), GainNote(report));

    /// <summary>Each member's accuracy and the ensemble's (bars), and the accuracy of averaging the first k members.</summary>
    public static FigureSpec AccuracyFigure(EnsembleReport r)
    {
        var k = Enumerable.Range(1, r.Names.Count).Select(i => (double)i).ToArray();
        double lo = Math.Max(0, Math.Min(r.MemberAccuracies.Min(), r.EnsembleAccuracy) - 0.05);
        double hi = Math.Min(1.02, Math.Max(r.MemberAccuracies.Max(), r.EnsembleAccuracy) + 0.03);
        return FigureSpec.Grid("ensemble vs its members (validation accuracy)", 2,
            new PanelSpec
            {
                Title = "each model alone, and all averaged", YTitle = "val acc", YRange = new AxisRange(lo, hi),
                Traces =
                [
                    TraceSpec.Bars("models", [.. r.Names], r.MemberAccuracies),
                    TraceSpec.Bars("ensemble", ["ensemble"], [r.EnsembleAccuracy]) with { Color = "#d62728" },
                ],
            },
            new PanelSpec
            {
                Title = "averaging the first k models", XTitle = "models averaged", YTitle = "val acc", YRange = new AxisRange(lo, hi),
                Traces =
                [
                    TraceSpec.Line("ensemble of the first k", k, r.AccuracyByMembers) with { Kind = TraceKinds.LinesMarkers },
                    TraceSpec.Line("best single model", [1, Math.Max(1, r.Names.Count)], [r.BestSingle, r.BestSingle]) with { Dash = "dash", Color = "#7f7f7f" },
                    TraceSpec.Line("average single model", [1, Math.Max(1, r.Names.Count)], [r.MeanSingle, r.MeanSingle]) with { Dash = "dot", Color = "#7f7f7f" },
                ],
            }) with { Height = 380 };
    }

    /// <summary>
    /// A snapshot ensemble: the learning rate's sawtooth with the snapshots marked, beside the cost. Independent
    /// models: each run's cost curve.
    /// </summary>
    public static FigureSpec TrainingFigure(EnsembleRun run)
    {
        var costPanel = new PanelSpec
        {
            Title = "cost per iteration", XTitle = "iteration", YTitle = "cost",
            Traces = [.. run.Histories.Select((h, i) => TraceSpec.Line(run.Histories.Count == 1 ? "cost" : run.Ensemble.Names[i],
                Enumerable.Range(1, h.Costs.Count).Select(x => (double)x).ToArray(), [.. h.Costs]))],
        };
        if (run.SnapshotIterations.Length == 0)
            return new FigureSpec { Title = "the independent runs", Height = 340, Panels = [costPanel] };
        var x = Enumerable.Range(1, run.LearningRates.Length).Select(i => (double)i).ToArray();
        var snapY = run.SnapshotIterations.Select(it => run.LearningRates[Math.Clamp((int)it - 1, 0, run.LearningRates.Length - 1)]).ToArray();
        return FigureSpec.Grid("one run, cosine annealing with warm restarts: a snapshot at the end of each cycle", 2,
            new PanelSpec
            {
                Title = "learning rate", XTitle = "iteration", YTitle = "lr",
                Traces = [TraceSpec.Line("lr", x, run.LearningRates), TraceSpec.Points("snapshots", run.SnapshotIterations, snapY) with { MarkerSize = 11, Color = "#d62728" }],
            },
            costPanel) with { Height = 360 };
    }

    /// <summary>Member by member, then the ensemble.</summary>
    public static string Table(EnsembleReport r)
    {
        var rows = r.Names.Select((n, i) => new[]
        {
            Reports.Html.Encode(n), Reports.Html.Fixed(r.MemberAccuracies[i], 4), Reports.Html.Fixed(r.AccuracyByMembers[i], 4),
        }).Append(["<i>average model</i>", Reports.Html.Fixed(r.MeanSingle, 4), ""])
          .Append(["<b>ensemble</b>", "", $"<b>{Reports.Html.Fixed(r.EnsembleAccuracy, 4)}</b>"]);
        return Reports.Html.Table(["model", "val acc alone", "val acc averaged with the ones above"], rows);
    }

    /// <summary>The gain over the best single model and over the average one, green when averaging beat the best.</summary>
    public static string GainNote(EnsembleReport r) => Reports.Html.Note(r.Summary() + (r.Gain > 0 ? ""
            : r.GainOverMean > 0 ? " (better than a typical model, not than the best one picked on this validation set)"
            : " (no gain: the models make the same mistakes)"),
        r.Gain > 0 ? "ok" : "warn");
}
