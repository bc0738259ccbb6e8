using NotebookDL.Losses;

namespace NotebookDL.Extension.Formatters;

/// <summary>The softmax steps as the lecture lays them out: one row per class, one column per step.</summary>
public static class SoftmaxFormatter
{
    public static string Html(SoftmaxSteps s, IReadOnlyList<string>? labels = null, int? y = null)
    {
        labels ??= Enumerable.Range(0, s.Z.Length).Select(i => $"class {i}").ToArray();
        var tHeader = s.Shift == 0 ? "t = e<sup>z</sup>" : $"t = e<sup>z − {Formatters.Html.Num(s.Shift)}</sup>";
        var headers = new List<string> { "class", "z", tHeader, "a = t / Σt", "hardmax" };
        if (y is not null) headers.AddRange(["y", "dZ = a − y"]);
        var dz = y is int yi ? s.DZ(yi) : null;
        var rows = Enumerable.Range(0, s.Z.Length).Select(i =>
        {
            var row = new List<string>
            {
                Formatters.Html.Encode(labels[i]), Formatters.Html.Num(s.Z[i]), Formatters.Html.Num(s.T[i]),
                "<b>" + Formatters.Html.Fixed(s.A[i]) + "</b>", Formatters.Html.Num(s.Hardmax[i]),
            };
            if (dz is not null) row.AddRange([i == y ? "1" : "0", Formatters.Html.Fixed(dz[i])]);
            return row;
        });
        var summary = $"Σt = {Formatters.Html.Num(s.Sum, 5)}" + (s.Shift == 0 ? "" : " (after subtracting max z so that e^z does not overflow)") +
                      $"; Σa = {Formatters.Html.Fixed(s.A.Sum())}; predicted class: {Formatters.Html.Encode(labels[Array.IndexOf(s.Hardmax, 1.0)])}";
        var loss = y is int yv
            ? Formatters.Html.Note($"loss L = −log a_y = −log {Formatters.Html.Fixed(s.A[yv], 4)} = {Formatters.Html.Fixed(s.Loss(yv), 4)} (true class: {labels[yv]})")
            : null;
        return Formatters.Html.Block(
            Formatters.Html.Heading("softmax, step by step"),
            Formatters.Html.Table(headers, rows),
            Formatters.Html.Detail(summary),
            loss);
    }

    public static string Text(SoftmaxSteps s, IReadOnlyList<string>? labels = null, int? y = null)
    {
        labels ??= Enumerable.Range(0, s.Z.Length).Select(i => $"class {i}").ToArray();
        var lines = new List<string> { "class        z          t        a    hardmax" };
        for (int i = 0; i < s.Z.Length; i++)
            lines.Add($"{labels[i],-8} {Formatters.Html.Num(s.Z[i]),8} {Formatters.Html.Num(s.T[i]),10} {Formatters.Html.Fixed(s.A[i]),8} {s.Hardmax[i],6}");
        lines.Add($"sum(t) = {Formatters.Html.Num(s.Sum, 5)}");
        if (y is int yi) lines.Add($"loss = -log a_y = {Formatters.Html.Fixed(s.Loss(yi), 4)}");
        return string.Join("\n", lines);
    }
}
