using NotebookDL.Analysis;

namespace NotebookDL.Extension.Formatters;

/// <summary>
/// A network trained on two-distribution splits: the parts' sizes, the bias / variance / mismatch table with
/// its verdict, and why training stopped if it stopped early; charts of the errors and of the training curves.
/// </summary>
public static class MismatchResultFormatter
{
    public static string Html(MismatchResult r) => Reports.Html.Block(
        Reports.Html.Detail($"parts: {r.Splits}; train-dev comes from the training distribution, dev and test from the other one"),
        BiasVarianceTableFormatter.Html(r.Table),
        r.StopMessage is null ? null : Reports.Html.Note($"stopped early: {r.StopMessage}; the errors are those of the network as it was", "warn"));

    public static string Text(MismatchResult r) => $"parts: {r.Splits}\n{r}";

    /// <summary>The errors as a staircase, then the training curves.</summary>
    public static IReadOnlyList<Chart> Charts(MismatchResult r) =>
        [Chart.From(BiasVarianceTableFormatter.Figure(r.Table)), Chart.From(TrainingHistoryFormatter.Figure(r.History, "training on the training mix (val = dev)"))];

    public static string HtmlWithCharts(MismatchResult r) => Html(r) + string.Concat(Charts(r).Select(c => c.ToHtml()));
}
