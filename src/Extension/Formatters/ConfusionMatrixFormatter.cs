using System.Globalization;
using System.Text;
using NotebookDL.Analysis;
using NotebookDL.Charts.Spec;

namespace NotebookDL.Extension.Formatters;

/// <summary>
/// A confusion matrix for error analysis: a heatmap with the counts in the cells (rows: true class, columns:
/// predicted class), per-class recall and precision, and the pairs most often confused.
/// </summary>
public static class ConfusionMatrixFormatter
{
    /// <summary>Up to this many classes the counts are also written as a table.</summary>
    public const int MaxTableClasses = 20;

    public static string Html(ConfusionMatrix m)
    {
        var perClass = Enumerable.Range(0, m.Classes).Select(c => new[]
        {
            Reports.Html.Encode(m.ClassNames[c]), N(m.Actual(c)), N(m.Predicted(c)), N(m.Counts[c, c]),
            Share(m.Recall(c)), Share(m.Precision(c)),
        });
        var confused = m.MostConfused(5);
        return Reports.Html.Block(
            Reports.Html.Heading($"confusion matrix: {m.Total:N0} examples, accuracy {Reports.Html.Percent(m.Accuracy)}"),
            Reports.Html.Row(
                m.Classes <= MaxTableClasses ? CountsTable(m) : Reports.Html.Detail($"{m.Classes} classes: see the heatmap for the counts"),
                Reports.Html.Table(["class", "examples", "predicted", "correct", "recall", "precision"], perClass, "per class")),
            confused.Count == 0
                ? Reports.Html.Note("no example is misclassified")
                : Reports.Html.Detail("most confused (true → predicted): " + string.Join("; ", confused.Select(c => c.ToString()))),
            Reports.Html.Detail("recall = correct / examples of the class (row); precision = correct / predicted as the class (column)"));
    }

    public static string Text(ConfusionMatrix m)
    {
        int width = Math.Max(6, m.ClassNames.Max(n => n.Length) + 1);
        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"confusion matrix (rows: true, columns: predicted), {m.Total:N0} examples, accuracy {Reports.Html.Percent(m.Accuracy)}");
        sb.Append(new string(' ', width));
        foreach (var name in m.ClassNames) sb.Append(name.PadLeft(width));
        sb.AppendLine(new string(' ', 2) + "recall".PadLeft(8));
        for (int i = 0; i < m.Classes; i++)
        {
            sb.Append(m.ClassNames[i].PadRight(width));
            for (int j = 0; j < m.Classes; j++) sb.Append(m.Counts[i, j].ToString(CultureInfo.InvariantCulture).PadLeft(width));
            sb.AppendLine("  " + Share(m.Recall(i)).PadLeft(8));
        }
        sb.Append("precision".PadRight(width));
        foreach (var p in m.Precisions) sb.Append(Share(p).PadLeft(width));
        var confused = m.MostConfused(5);
        if (confused.Count > 0) sb.Append("\nmost confused: " + string.Join("; ", confused));
        return sb.ToString();
    }

    /// <summary>The heatmap with the counts written in the cells.</summary>
    public static FigureSpec Figure(ConfusionMatrix m)
    {
        int size = Math.Clamp(120 + 40 * m.Classes, 320, 900);
        return FigureSpec.Heatmap($"confusion matrix (accuracy {Reports.Html.Percent(m.Accuracy)})", m.ToRows(),
            [.. m.ClassNames], [.. m.ClassNames], xTitle: "predicted class", yTitle: "true class", showValues: true) with
        {
            Height = size, Width = size + 80,
        };
    }

    public static IReadOnlyList<Chart> Charts(ConfusionMatrix m) => [Chart.From(Figure(m))];

    public static string HtmlWithCharts(ConfusionMatrix m) => Html(m) + string.Concat(Charts(m).Select(c => c.ToHtml()));

    private static string CountsTable(ConfusionMatrix m)
    {
        var headers = new List<string> { "true ↓ predicted →" };
        headers.AddRange(m.ClassNames.Select(Reports.Html.Encode));
        var rows = Enumerable.Range(0, m.Classes).Select(i =>
        {
            var cells = new List<string> { Reports.Html.Encode(m.ClassNames[i]) };
            cells.AddRange(Enumerable.Range(0, m.Classes).Select(j => i == j ? $"<b>{N(m.Counts[i, j])}</b>" : m.Counts[i, j] == 0 ? "·" : N(m.Counts[i, j])));
            return cells;
        });
        return Reports.Html.Table(headers, rows, "counts");
    }

    private static string N(int v) => v.ToString("N0", CultureInfo.InvariantCulture);

    private static string Share(double v) => double.IsNaN(v) ? "–" : Reports.Html.Percent(v);
}
