using System.Globalization;
using System.Text;
using NotebookDL.Charts.Spec;
using NotebookDL.Data;
using NotebookDL.Extension.Session;
using NotebookDL.Tensors;

namespace NotebookDL.Extension.Formatters;

/// <summary>
/// A data set (or its train / val / test splits) at a glance: its size N, width D, classes and image shape,
/// the range of its values (to see what preprocessing did), the examples per class (table and bar chart),
/// and a picture of the data: a grid of sample images for image data, a scatter plot by class for 2-D data.
/// </summary>
public static class DatasetFormatter
{
    /// <summary>At most this many sample images are shown (two per class for ten classes).</summary>
    public const int MaxSamples = 20;

    // ---- one data set ----

    public static string Html(Dataset data, Dataset? imagesFrom = null) => Reports.Html.Block(
        Reports.Html.Heading(data.Name),
        SummaryTable([("", data)]),
        CountsTable([("", data)]),
        SampleImagesHtml(imagesFrom ?? data));

    public static string Text(Dataset data) => SummaryText([("", data)]) + "\n" + CountsText([("", data)]);

    /// <summary>The class counts as bars and, for 2-D data, the points by class.</summary>
    public static IReadOnlyList<Chart> Charts(Dataset data) => ChartsOf([("examples", data)]);

    public static string HtmlWithCharts(Dataset data) => Html(data) + string.Concat(Charts(data).Select(c => c.ToHtml()));

    // ---- train / val / test ----

    /// <param name="splits">The parts.</param>
    /// <param name="imagesFrom">The data set whose sample images to show (e.g. the training set before preprocessing); default the training set.</param>
    public static string Html(DatasetSplits splits, Dataset? imagesFrom = null)
    {
        var parts = splits.Parts().ToArray();
        return Reports.Html.Block(
            Reports.Html.Heading($"{BaseName(splits.Train)}: {splits}"),
            SummaryTable(parts),
            CountsTable(parts),
            SampleImagesHtml(imagesFrom ?? splits.Train, imagesFrom is null ? "training examples" : "training examples before preprocessing"));
    }

    public static string Text(DatasetSplits splits)
    {
        var parts = splits.Parts().ToArray();
        return SummaryText(parts) + "\n" + CountsText(parts);
    }

    public static IReadOnlyList<Chart> Charts(DatasetSplits splits) => ChartsOf(splits.Parts().ToArray());

    public static string HtmlWithCharts(DatasetSplits splits) => Html(splits) + string.Concat(Charts(splits).Select(c => c.ToHtml()));

    // ---- the notebook's current data ----

    public static string Html(CurrentData data, Dataset? imagesFrom = null) => Reports.Html.Block(
        Reports.Html.Note(data.Description),
        Reports.Html.Detail($"preprocessing: {data.Preprocessing} (fitted on the training set only)"),
        Html(data.Splits, imagesFrom));

    public static string Text(CurrentData data) => $"{data.Description}\npreprocessing: {data.Preprocessing}\n{Text(data.Splits)}";

    public static string HtmlWithCharts(CurrentData data) => Html(data) + string.Concat(Charts(data.Splits).Select(c => c.ToHtml()));

    // ---- pieces ----

    /// <summary>
    /// Up to <see cref="MaxSamples"/> images, the first examples of each class in turn (two per class for ten
    /// classes), each min-max normalised and enlarged to about 48 pixels, with its class name underneath.
    /// Empty for non-image data.
    /// </summary>
    public static string SampleImagesHtml(Dataset data, string what = "examples")
    {
        if (data.Image is null || data.Count == 0) return "";
        var shape = data.Image;
        int scale = Math.Max(1, (int)Math.Ceiling(48.0 / Math.Max(shape.Height, shape.Width)));
        var picks = Samples(data);
        var sb = new StringBuilder("<div style=\"display:flex;flex-wrap:wrap;gap:4px;margin:4px 0\">");
        foreach (var (index, label) in picks)
        {
            var uri = Png.DataUri(Png.OfImage(data.Example(index), shape, scale));
            sb.Append("<figure style=\"margin:0;text-align:center;font-size:11px\">")
              .Append($"<img src=\"{uri}\" width=\"{shape.Width * scale}\" height=\"{shape.Height * scale}\" alt=\"{Reports.Html.Encode(label)}\" style=\"image-rendering:pixelated;display:block\">")
              .Append($"<figcaption>{Reports.Html.Encode(label)}</figcaption></figure>");
        }
        sb.Append("</div>");
        return Reports.Html.Detail($"{picks.Count} {what} ({shape}, each scaled to its own min..max, enlarged {scale}×):") + sb;
    }

    /// <summary>The examples shown: per class up to max(1, 20 / C) of the first of that class, by class.</summary>
    public static IReadOnlyList<(int Index, string Label)> Samples(Dataset data)
    {
        if (data.Y.Classes is not { } labels)
            return Enumerable.Range(0, Math.Min(MaxSamples, data.Count)).Select(i => (i, $"#{i}")).ToList();
        int perClass = Math.Max(1, MaxSamples / Math.Max(1, data.Classes));
        var byClass = Enumerable.Range(0, data.Classes).Select(_ => new List<int>()).ToArray();
        for (int i = 0; i < labels.Length; i++)
            if (labels[i] < byClass.Length && byClass[labels[i]].Count < perClass) byClass[labels[i]].Add(i);
        return byClass.SelectMany((list, c) => list.Select(i => (i, data.ClassNames[c]))).Take(MaxSamples).ToList();
    }

    /// <summary>Examples per class (for multi-label data: positive labels per class).</summary>
    public static double[] ClassCounts(Dataset data)
    {
        var counts = new double[data.Classes];
        if (data.Y.Classes is { } labels)
        {
            foreach (var c in labels) if (c < counts.Length) counts[c]++;
        }
        else if (data.Y.Labels is { } m)
        {
            var v = m.Data();
            for (int j = 0; j < Math.Min(counts.Length, m.ColumnCount); j++)
                for (int i = 0; i < m.RowCount; i++) if (v[j * m.RowCount + i] == 1) counts[j]++;
        }
        return counts;
    }

    private static IReadOnlyList<Chart> ChartsOf(IReadOnlyList<(string Part, Dataset Data)> parts)
    {
        var first = parts[0].Data;
        var charts = new List<Chart>
        {
            Chart.From(FigureSpec.Bars("examples per class", "class", "examples", [.. first.ClassNames],
                [.. parts.Select(p => (p.Part, ClassCounts(p.Data)))]) with { Height = 320 }),
        };
        if (first.Image is null && first.Features == 2 && first.Y.Classes is { } labels && first.Count > 0)
        {
            var x = first.X.Data();
            int n = first.Count;
            charts.Add(Chart.From(FigureSpec.Scatter($"{first.Name}: the points by class", x[..n], x[n..(2 * n)], labels,
                [.. first.ClassNames], xTitle: "x₁", yTitle: "x₂") with { Height = 480, Width = 560 }));
        }
        return charts;
    }

    private static string SummaryTable(IReadOnlyList<(string Part, Dataset Data)> parts)
    {
        bool named = parts.Count > 1 || parts[0].Part.Length > 0;
        var headers = new List<string>();
        if (named) headers.Add("part");
        headers.AddRange(["examples N", "features D", "classes", "image", "values", "stored"]);
        var rows = parts.Select(p =>
        {
            var cells = new List<string>();
            if (named) cells.Add(Reports.Html.Encode(p.Part));
            cells.AddRange([
                p.Data.Count.ToString("N0", CultureInfo.InvariantCulture), p.Data.Features.ToString("N0", CultureInfo.InvariantCulture),
                p.Data.Classes.ToString(CultureInfo.InvariantCulture), p.Data.Image is { } s ? Reports.Html.Encode($"{s} (C×H×W)") : "–",
                Reports.Html.Encode(MatrixFormatter.Summary(p.Data.StoredValues())), Reports.Html.Encode(p.Data.Storage),
            ]);
            return cells;
        });
        return Reports.Html.Table(headers, rows);
    }

    private static string SummaryText(IReadOnlyList<(string Part, Dataset Data)> parts) =>
        string.Join("\n", parts.Select(p =>
            $"{(p.Part.Length > 0 ? p.Part + ": " : "")}{p.Data}{(p.Data.Image is { } s ? $", images {s}" : "")}; {MatrixFormatter.Summary(p.Data.StoredValues())}; stored as {p.Data.Storage}"));

    private static string CountsTable(IReadOnlyList<(string Part, Dataset Data)> parts)
    {
        var counts = parts.Select(p => ClassCounts(p.Data)).ToArray();
        var names = parts[0].Data.ClassNames;
        var headers = new List<string> { "class" };
        foreach (var (part, _) in parts) headers.AddRange([Reports.Html.Encode(part.Length > 0 ? part : "examples"), "share"]);
        var rows = Enumerable.Range(0, names.Count).Select(c =>
        {
            var cells = new List<string> { Reports.Html.Encode(names[c]) };
            for (int p = 0; p < parts.Count; p++)
            {
                cells.Add(counts[p][c].ToString("N0", CultureInfo.InvariantCulture));
                cells.Add(parts[p].Data.Count == 0 ? "–" : Reports.Html.Percent(counts[p][c] / parts[p].Data.Count));
            }
            return cells;
        });
        return Reports.Html.Table(headers, rows, "examples per class");
    }

    private static string CountsText(IReadOnlyList<(string Part, Dataset Data)> parts)
    {
        var names = parts[0].Data.ClassNames;
        var counts = parts.Select(p => ClassCounts(p.Data)).ToArray();
        var sb = new StringBuilder($"{"class",-12}");
        foreach (var (part, _) in parts) sb.Append($" {(part.Length > 0 ? part : "examples"),9}");
        for (int c = 0; c < names.Count; c++)
        {
            sb.Append('\n').Append($"{names[c],-12}");
            foreach (var cs in counts) sb.Append($" {cs[c].ToString("N0", CultureInfo.InvariantCulture),9}");
        }
        return sb.ToString();
    }

    /// <summary>"cifar10" from "cifar10 (train)".</summary>
    private static string BaseName(Dataset d) => d.Name.EndsWith(" (train)", StringComparison.Ordinal) ? d.Name[..^" (train)".Length] : d.Name;
}
