using System.Globalization;
using System.Text;

namespace NotebookDL.Extension.Formatters;

/// <summary>
/// A plain HTML table whose columns sort on a click of their header (a few lines of inline script per header;
/// each cell carries the value it sorts by). With scripts off (an untrusted notebook, a sanitised page) it is the
/// same table in the order it was written, so write it in the most useful order.
/// </summary>
public static class SortableTable
{
    private const string TableStyle = "border-collapse:collapse;font-family:ui-monospace,Menlo,Consolas,monospace;font-size:12px;margin:4px 0";
    private const string CellStyle = "border:1px solid #ddd;padding:2px 8px;text-align:right";
    private const string HeadStyle = "border:1px solid #ddd;padding:2px 8px;background:#f4f4f4;text-align:right;cursor:pointer;user-select:none";

    /// <summary>
    /// Sorts the rows of the clicked header's table by that column, numerically when both values are numbers,
    /// toggling ascending and descending. Written without <c>&amp;</c> or <c>&lt;</c> so it sits in an attribute as is.
    /// </summary>
    private const string SortScript =
        "(function(th){var t=th.closest('table'),b=t.tBodies[0],i=Array.prototype.indexOf.call(th.parentNode.children,th)," +
        "d=th.getAttribute('data-dir')==='desc'?'asc':'desc';th.setAttribute('data-dir',d);" +
        "var rows=Array.prototype.slice.call(b.rows);rows.sort(function(x,y){var a=x.cells[i].getAttribute('data-v'),c=y.cells[i].getAttribute('data-v')," +
        "na=parseFloat(a),nc=parseFloat(c),r=(isNaN(na)||isNaN(nc))?String(a).localeCompare(String(c)):na-nc;return d==='asc'?r:-r;});" +
        "rows.forEach(function(r){b.appendChild(r);});})(this)";

    /// <summary>A cell: its HTML and the value it sorts by (a number, or text).</summary>
    public readonly record struct Cell(string Html, string SortValue)
    {
        public static Cell Number(double v, string html) =>
            new(html, double.IsFinite(v) ? v.ToString("R", CultureInfo.InvariantCulture) : "-1e308");

        public static Cell Text(string text) => new(Reports.Html.Encode(text), text);
    }

    /// <summary>The table; <paramref name="caption"/> is HTML.</summary>
    public static string Html(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<Cell>> rows, string? caption = null)
    {
        var sb = new StringBuilder();
        sb.Append($"<table class=\"notebookdl-sortable\" style=\"{TableStyle}\">");
        if (caption is not null) sb.Append($"<caption style=\"text-align:left;font-weight:bold;padding:2px 0\">{caption}</caption>");
        sb.Append("<thead><tr>");
        foreach (var h in headers)
            sb.Append($"<th style=\"{HeadStyle}\" title=\"click to sort\" onclick=\"{SortScript}\">{Reports.Html.Encode(h)}</th>");
        sb.Append("</tr></thead><tbody>");
        foreach (var row in rows)
        {
            sb.Append("<tr>");
            foreach (var cell in row)
                sb.Append($"<td style=\"{CellStyle}\" data-v=\"{Reports.Html.Encode(cell.SortValue)}\">{cell.Html}</td>");
            sb.Append("</tr>");
        }
        sb.Append("</tbody></table>");
        return sb.ToString();
    }
}
