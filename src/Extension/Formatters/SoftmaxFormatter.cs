using NotebookDL.Losses;

namespace NotebookDL.Extension.Formatters;

/// <summary>The softmax steps as the lecture lays them out: one row per class, one column per step.</summary>
public static class SoftmaxFormatter
{
    public static string Html(SoftmaxSteps s, IReadOnlyList<string>? labels = null, int? y = null)
    {
        labels ??= Enumerable.Range(0, s.Z.Length).Select(i => $"class {i}").ToArray();
        var tHeader = s.Shift == 0 ? "t = e<sup>z</sup>" : $"t = e<sup>z − {Reports.Html.Num(s.Shift)}</sup>";
        var headers = new List<string> { "class", "z", tHeader, "a = t / Σt", "hardmax" };
        if (y is not null) headers.AddRange(["y", "dZ = a − y"]);
        var dz = y is int yi ? s.DZ(yi) : null;
        var rows = Enumerable.Range(0, s.Z.Length).Select(i =>
        {
            var row = new List<string>
            {
                Reports.Html.Encode(labels[i]), Reports.Html.Num(s.Z[i]), Reports.Html.Num(s.T[i]),
                "<b>" + Reports.Html.Fixed(s.A[i]) + "</b>", Reports.Html.Num(s.Hardmax[i]),
            };
            if (dz is not null) row.AddRange([i == y ? "1" : "0", Reports.Html.Fixed(dz[i])]);
            return row;
        });
        var summary = $"Σt = {Reports.Html.Num(s.Sum, 5)}" + (s.Shift == 0 ? "" : " (after subtracting max z so that e^z does not overflow)") +
                      $"; Σa = {Reports.Html.Fixed(s.A.Sum())}; predicted class: {Reports.Html.Encode(labels[Array.IndexOf(s.Hardmax, 1.0)])}";
        var loss = y is int yv
            ? Reports.Html.Note($"loss L = −log a_y = −log {Reports.Html.Fixed(s.A[yv], 4)} = {Reports.Html.Fixed(s.Loss(yv), 4)} (true class: {labels[yv]})")
            : null;
        return Reports.Html.Block(
            Reports.Html.Heading("softmax, step by step"),
            Reports.Html.Table(headers, rows),
            Reports.Html.Detail(summary),
            loss);
    }

    public static string Text(SoftmaxSteps s, IReadOnlyList<string>? labels = null, int? y = null)
    {
        labels ??= Enumerable.Range(0, s.Z.Length).Select(i => $"class {i}").ToArray();
        var lines = new List<string> { "class        z          t        a    hardmax" };
        for (int i = 0; i < s.Z.Length; i++)
            lines.Add($"{labels[i],-8} {Reports.Html.Num(s.Z[i]),8} {Reports.Html.Num(s.T[i]),10} {Reports.Html.Fixed(s.A[i]),8} {s.Hardmax[i],6}");
        lines.Add($"sum(t) = {Reports.Html.Num(s.Sum, 5)}");
        if (y is int yi) lines.Add($"loss = -log a_y = {Reports.Html.Fixed(s.Loss(yi), 4)}");
        return string.Join("\n", lines);
    }
}
