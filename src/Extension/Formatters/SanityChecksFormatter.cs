using System.Globalization;
using NotebookDL.Babysitting;
using NotebookDL.Charts.Spec;
using NotebookDL.Training;

namespace NotebookDL.Extension.Formatters;

/// <summary>The three babysitting checks: a pass/fail table, the learning rates tried, the overfit's cost curve, and the live lines while it runs.</summary>
public static class SanityChecksFormatter
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>The live line before a learning rate is tried: what the earlier ones reached and the time used.</summary>
    public static string Progress(string status, OverfitProgress p) =>
        status + string.Concat(p.Tried.Select(t => string.Format(Inv, "; lr {0} → train accuracy {1:F2}", Reports.Html.Num(t.LearningRate), t.TrainAccuracy)))
               + string.Format(Inv, "; trying lr {0} ({1:F1} s of {2:G3} s used)…", Reports.Html.Num(p.LearningRate), p.Elapsed.TotalSeconds, p.Budget?.TotalSeconds);

    /// <summary>How the overfit ended: cancelled, out of time (what ran is shown) or done.</summary>
    public static string Ended(SanityChecks s) => s.Overfit.StopReason switch
    {
        StopReason.Cancelled => "cancelled: the checks so far are shown",
        StopReason.TimeBudget => $"time budget of {s.Budget?.TotalSeconds:G3} s reached (--max-seconds): the checks so far are shown",
        _ => string.Format(Inv, "done in {0:F1} s", s.OverfitElapsed.TotalSeconds),
    };

    /// <summary>The heading, the table of the three checks, the rates tried, the verdict and <paramref name="detail"/>.</summary>
    public static string Html(SanityChecks s, string detail)
    {
        var rows = new[]
        {
            new[] { "initial cost ≈ ln C (small weights, no regularisation)", $"ln {s.Classes} = {Reports.Html.Fixed(s.LnC, 4)}", Reports.Html.Fixed(s.InitialCost, 4), Mark(s.InitialCostOk) },
            new[] { $"regularisation raises the cost (L2, λ = {Reports.Html.Num(s.Lambda)})", $"&gt; {Reports.Html.Fixed(s.InitialCost, 4)}", Reports.Html.Fixed(s.RegularizedCost, 4), Mark(s.RegularizationOk) },
            new[] { $"overfit {s.Examples} examples (plain SGD, no regularisation, {s.Epochs} epochs)", "train accuracy 1.00",
                    $"{Reports.Html.Fixed(s.FinalTrainAccuracy, 2)} (cost {Reports.Html.Fixed(s.Overfit.Costs.LastOrDefault(), 4)}, lr {Reports.Html.Num(s.OverfitLearningRate)})", Mark(s.OverfitOk) },
        };
        var tries = s.OverfitTries.Length > 1
            ? "learning rates tried for the overfit: " + string.Join(", ", s.OverfitTries.Select(t => string.Format(Inv, "{0} → train accuracy {1:F2}", Reports.Html.Num(t.LearningRate), t.TrainAccuracy)))
            : null;
        return Reports.Html.Block(
            Reports.Html.Heading("sanity checks (babysitting the learning process)"),
            Reports.Html.Table(["check", "expected", "observed", ""], rows),
            tries is null ? null : Reports.Html.Detail(tries),
            s.OverfitOk ? null : Reports.Html.Note("verdict on the overfit run: " + s.OverfitVerdict.Message, "warn"),
            Reports.Html.Note(s.AllPassed
                ? "all three checks pass: the loss, the gradients and the update work; go on to find a learning rate that makes the loss go down"
                : "a check failed: fix it before a long run (see the table)", s.AllPassed ? "ok" : "bad"),
            Reports.Html.Detail(detail));
    }

    /// <summary>The cost per iteration of the last overfit run.</summary>
    public static FigureSpec Figure(SanityChecks s) =>
        FigureSpec.Lines($"overfitting {s.Examples} examples (lr {Reports.Html.Num(s.OverfitLearningRate)})", "iteration", "cost",
            ("cost", Enumerable.Range(1, s.Overfit.Costs.Count).Select(i => (double)i).ToArray(), s.Overfit.Costs.ToArray()));

    private static string Mark(bool ok) => ok ? "<b style=\"color:#2e7d32\">pass</b>" : "<b style=\"color:#d93025\">fail</b>";
}
