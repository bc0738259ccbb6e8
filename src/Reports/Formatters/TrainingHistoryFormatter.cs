using NotebookDL.Charts.Spec;
using NotebookDL.Training;

namespace NotebookDL.Reports;

/// <summary>
/// A training history as the lecture shows it: the cost per iteration and the train/validation accuracy per
/// epoch as curves, the log table "epoch, cost, train acc, val acc, lr", why the run stopped and a verdict.
/// </summary>
public static class TrainingHistoryFormatter
{
    /// <summary>Epoch rows shown in full up to this many; beyond it the middle is elided.</summary>
    private const int FullTableEpochs = 40;

    public static string Html(TrainingHistory h, bool includeChart = true) => Reports.Html.Block(
        includeChart ? Chart.From(Figure(h)).ToHtml() : null,
        Table(h),
        StopNote(h),
        VerdictNote(h));

    public static string Text(TrainingHistory h) => $"{h}\n{TrainingVerdict.Of(h).Message}";

    /// <summary>The log table: one row per epoch (the middle elided for long runs).</summary>
    public static string Table(TrainingHistory h)
    {
        var epochs = h.Epochs;
        IEnumerable<EpochSummary?> shown = epochs.Count <= FullTableEpochs
            ? epochs
            : epochs.Take(FullTableEpochs / 2).Cast<EpochSummary?>().Append(null).Concat(epochs.Skip(epochs.Count - FullTableEpochs / 2));
        var rows = shown.Select(e => e is null
            ? new[] { "…", "", "", "", "", "" }
            : new[]
            {
                $"{e.Epoch} / {h.EpochsRequested}", Reports.Html.Fixed(e.Cost, 4),
                e.TrainAccuracy is double t ? Reports.Html.Fixed(t, 3) : "",
                e.ValAccuracy is double v ? Reports.Html.Fixed(v, 3) : "",
                Reports.Html.Num(e.LearningRate), Reports.Html.Fixed(e.Seconds, 1),
            });
        var caption = $"{h.Iterations} iterations ({h.IterationsPerEpoch} per epoch); initial cost {Reports.Html.Fixed(h.InitialCost, 4)}";
        return Reports.Html.Table(["epoch", "cost", "train acc", "val acc", "lr", "time (s)"], rows, Reports.Html.Encode(caption));
    }

    /// <summary>Why the run ended, highlighted unless it completed.</summary>
    public static string StopNote(TrainingHistory h) => h.StopReason switch
    {
        StopReason.Completed => Reports.Html.Note($"completed {h.Epochs.Count} epochs in {h.Elapsed.TotalSeconds:F1} s"),
        StopReason.Cancelled or StopReason.TimeBudget => Reports.Html.Note($"stopped: {h.StopMessage} (after {h.Iterations} iterations; the history so far is kept)", "warn"),
        _ => Reports.Html.Note($"stopped early: {h.StopMessage}", "bad"),
    };

    /// <summary>The lecture's diagnosis of the curves.</summary>
    public static string VerdictNote(TrainingHistory h)
    {
        var verdict = TrainingVerdict.Of(h);
        var kind = verdict.Kind switch
        {
            Diagnosis.Healthy => "ok",
            Diagnosis.LearningRateTooHigh => "bad",
            _ => "warn",
        };
        var note = Reports.Html.Note("verdict: " + verdict.Message, kind);
        return verdict.Evidence is { } e ? note + EvidenceTable(e) : note;
    }

    /// <summary>
    /// Several runs' verdicts side by side, as a teaching assistant's table: each run's settings, the verdict in a few
    /// words, the numbers it read (update/weight, accuracies against chance, the cost) and its sentence.
    /// </summary>
    public static string VerdictTable(IEnumerable<(string Name, string Settings, TrainingHistory History)> runs) =>
        Reports.Html.Table(["run", "settings", "verdict", "update/weight", "train acc", "val acc", "why"], runs.Select(r =>
        {
            var v = TrainingVerdict.Of(r.History);
            var e = v.Evidence;
            return new[]
            {
                Reports.Html.Encode(r.Name), Reports.Html.Code(r.Settings), $"<b>{Reports.Html.Encode(v.Label)}</b>",
                e?.UpdateRatio is double u ? u.ToString("0.0e+00", System.Globalization.CultureInfo.InvariantCulture) : "",
                e?.TrainAccuracy is double t ? Reports.Html.Fixed(t, 2) + (e.Chance is double ch ? $" (chance {Reports.Html.Fixed(ch, 2)})" : "") : "",
                e?.ValAccuracy is double a ? Reports.Html.Fixed(a, 2) : "",
                Reports.Html.Encode(v.Message),
            };
        }), "the verdict on each run (the same as under each #!train), with the numbers it read");

    /// <summary>The numbers the verdict read, each next to the lecture's reference.</summary>
    public static string EvidenceTable(VerdictEvidence e) =>
        Reports.Html.Table(["evidence", "value", "the lecture's reference"],
            e.Rows().Select(r => new[] { Reports.Html.Encode(r.What), Reports.Html.Encode(r.Value), Reports.Html.Encode(r.Reference) }));

    /// <summary>Two panels: cost per iteration (x in epochs) and accuracy per epoch.</summary>
    public static FigureSpec Figure(TrainingHistory h, string? title = null)
    {
        var (x, y) = CostCurve(h, maxPoints: 2000);
        double initial = double.IsFinite(h.InitialCost) ? h.InitialCost : 1;
        bool logCost = y.Any(v => double.IsFinite(v) && v > 10 * Math.Max(initial, 1e-12)) || y.Any(v => v > 0 && v < 1e-3);
        var epochNumbers = h.Epochs.Select(e => (double)e.Epoch).ToArray();
        var accuracy = new List<TraceSpec>();
        if (h.Epochs.Any(e => e.TrainAccuracy is not null))
            accuracy.Add(TraceSpec.Line("train accuracy", epochNumbers, h.Epochs.Select(e => e.TrainAccuracy ?? double.NaN).ToArray()) with { Kind = TraceKinds.LinesMarkers });
        if (h.Epochs.Any(e => e.ValAccuracy is not null))
            accuracy.Add(TraceSpec.Line("val accuracy", epochNumbers, h.Epochs.Select(e => e.ValAccuracy ?? double.NaN).ToArray()) with { Kind = TraceKinds.LinesMarkers });
        var cost = new PanelSpec
        {
            Title = "cost per iteration", XTitle = "epoch", YTitle = "cost", LogY = logCost,
            Traces = [TraceSpec.Line("cost", x, y)],
        };
        // A run stopped within its first epoch has no accuracy yet: its cost alone says what happened.
        if (accuracy.Count == 0) return new FigureSpec { Title = title ?? "cost per iteration", Panels = [cost with { Title = null }], Height = 360 };
        return FigureSpec.Grid(title, 2,
            cost,
            new PanelSpec
            {
                Title = "accuracy per epoch", XTitle = "epoch", YTitle = "accuracy", YRange = new AxisRange(0, 1.02),
                Traces = [.. accuracy],
            }) with { Height = 360 };
    }

    /// <summary>Cost per iteration with x in epochs, thinned to at most <paramref name="maxPoints"/> (every k-th point).</summary>
    public static (double[] X, double[] Y) CostCurve(TrainingHistory h, int maxPoints)
    {
        int n = h.Costs.Count, step = Math.Max(1, (n + maxPoints - 1) / maxPoints);
        var idx = Enumerable.Range(0, n).Where(i => i % step == 0 || i == n - 1).ToArray();
        double per = Math.Max(1, h.IterationsPerEpoch);
        return (idx.Select(i => (i + 1) / per).ToArray(), idx.Select(i => h.Costs[i]).ToArray());
    }
}
