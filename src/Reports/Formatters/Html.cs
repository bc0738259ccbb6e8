using System.Globalization;
using System.Net;
using System.Text;

namespace NotebookDL.Reports;

/// <summary>
/// Small HTML building blocks shared by the formatters: escaped text, tables, headings, notes. Styles are
/// inline so the output looks the same in Jupyter, nbconvert's HTML and VS Code.
/// </summary>
public static class Html
{
    private const string TableStyle = "border-collapse:collapse;font-family:ui-monospace,Menlo,Consolas,monospace;font-size:12px;margin:4px 0";
    private const string CellStyle = "border:1px solid #ddd;padding:2px 8px;text-align:right";
    private const string HeadStyle = "border:1px solid #ddd;padding:2px 8px;background:#f4f4f4;text-align:right";

    public static string Encode(string? text) => WebUtility.HtmlEncode(text ?? "");

    /// <summary>A number as the lecture prints it: 4 significant digits, exponent form for very small or large.</summary>
    public static string Num(double v, int digits = 4)
    {
        if (double.IsNaN(v)) return "NaN";
        if (double.IsPositiveInfinity(v)) return "inf";
        if (double.IsNegativeInfinity(v)) return "-inf";
        double a = Math.Abs(v);
        if (a != 0 && (a < 1e-3 || a >= 1e6)) return v.ToString("0.###e+00", CultureInfo.InvariantCulture);
        return v.ToString("G" + digits, CultureInfo.InvariantCulture);
    }

    /// <summary>A number with a fixed number of decimals (0.842); from 1e6 up (an exploding cost) in e-notation, as <see cref="Num"/>.</summary>
    public static string Fixed(double v, int decimals = 3) =>
        double.IsFinite(v) && Math.Abs(v) < 1e6 ? v.ToString("F" + decimals, CultureInfo.InvariantCulture) : Num(v);

    /// <summary>A fraction as a percentage (0.042 → 4.2%).</summary>
    public static string Percent(double v, int decimals = 1) =>
        double.IsFinite(v) ? (100 * v).ToString("F" + decimals, CultureInfo.InvariantCulture) + "%" : Num(v);

    /// <summary>A table with a header row; cells are HTML already (use <see cref="Encode"/> for text).</summary>
    public static string Table(IEnumerable<string> headers, IEnumerable<IEnumerable<string>> rows, string? caption = null)
    {
        var sb = new StringBuilder();
        sb.Append($"<table style=\"{TableStyle}\">");
        if (caption is not null) sb.Append($"<caption style=\"text-align:left;font-weight:bold;padding:2px 0\">{caption}</caption>");
        sb.Append("<thead><tr>");
        foreach (var h in headers) sb.Append($"<th style=\"{HeadStyle}\">{h}</th>");
        sb.Append("</tr></thead><tbody>");
        foreach (var row in rows)
        {
            sb.Append("<tr>");
            foreach (var cell in row) sb.Append($"<td style=\"{CellStyle}\">{cell}</td>");
            sb.Append("</tr>");
        }
        sb.Append("</tbody></table>");
        return sb.ToString();
    }

    /// <summary>A small heading.</summary>
    public static string Heading(string text) =>
        $"<div style=\"font-weight:bold;font-size:14px;margin:8px 0 4px\">{Encode(text)}</div>";

    /// <summary>A line of grey detail text (settings, seeds).</summary>
    public static string Detail(string text) =>
        $"<div style=\"color:#666;font-size:12px;margin:2px 0\">{Encode(text)}</div>";

    /// <summary>A highlighted note: kind is "ok", "warn" or "bad".</summary>
    public static string Note(string text, string kind = "ok")
    {
        var (bg, border) = kind switch
        {
            "bad" => ("#fdecea", "#d93025"),
            "warn" => ("#fff8e1", "#f9a825"),
            _ => ("#e8f5e9", "#2e7d32"),
        };
        return $"<div style=\"background:{bg};border-left:4px solid {border};padding:4px 8px;margin:4px 0\">{Encode(text)}</div>";
    }

    /// <summary>Code in monospace.</summary>
    public static string Code(string text) => $"<code>{Encode(text)}</code>";

    /// <summary>Pieces of HTML stacked in one block.</summary>
    public static string Block(params string?[] parts) =>
        "<div class=\"notebookdl\">" + string.Concat(parts.Where(p => !string.IsNullOrEmpty(p))) + "</div>";

    /// <summary>Pieces side by side (wrapping on narrow screens).</summary>
    public static string Row(params string[] parts) =>
        "<div style=\"display:flex;flex-wrap:wrap;gap:16px;align-items:flex-start\">" +
        string.Concat(parts.Select(p => $"<div>{p}</div>")) + "</div>";
}
