using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Markdig;

namespace NotebookDL.Replay;

/// <summary>
/// Writes a self-contained HTML page per executed notebook (markdown, code and outputs; the charts draw with
/// the plotly.js the load cell emitted, so the page needs no internet) and an index page.
/// </summary>
public static class ReportWriter
{
    private static readonly MarkdownPipeline Markdown = new MarkdownPipelineBuilder().UseAdvancedExtensions().Build();

    private const string Style = """
        body { font-family: system-ui, -apple-system, Segoe UI, sans-serif; max-width: 1100px; margin: 24px auto; padding: 0 16px; color: #222; }
        .cell { margin: 12px 0; }
        pre.code { background: #f6f8fa; border: 1px solid #e1e4e8; border-radius: 4px; padding: 8px; overflow-x: auto; font-size: 13px; }
        .outputs { border-left: 3px solid #cde; padding-left: 10px; margin-left: 4px; }
        pre.stream { background: #fff; font-size: 12px; }
        pre.error { background: #fdecea; color: #a00; padding: 6px; }
        .meta { color: #666; font-size: 13px; }
        table.index td, table.index th { padding: 4px 10px; border-bottom: 1px solid #ddd; text-align: left; }
        .ok { color: #2e7d32; font-weight: bold; } .bad { color: #d93025; font-weight: bold; }
        """;

    public static void WriteNotebook(NotebookResult result, string path) =>
        WriteNotebook(result.Notebook, $"<p class=\"meta\"><a href=\"index.html\">all notebooks</a> · {Encode(Path.GetFileName(result.Notebook.Path))} · replayed in {result.Elapsed.TotalSeconds:F1} s · {Status(result)}</p>\n", path);

    /// <summary>The page of an executed notebook: <paramref name="header"/> (HTML), then every cell with its outputs.</summary>
    public static void WriteNotebook(NotebookFile nb, string header, string path)
    {
        var html = new StringBuilder();
        html.Append($"<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{Encode(nb.Title)}</title><style>{Style}</style></head><body>\n");
        html.Append(header);
        foreach (var cell in nb.Cells.OfType<JsonObject>())
        {
            var source = NotebookFile.Source(cell);
            html.Append("<div class=\"cell\">");
            if ((string?)cell["cell_type"] == "markdown")
            {
                html.Append(Markdig.Markdown.ToHtml(source, Markdown));
            }
            else if ((string?)cell["cell_type"] == "code")
            {
                html.Append($"<pre class=\"code\">{Encode(source)}</pre>");
                if (cell["outputs"] is JsonArray outputs && outputs.Count > 0)
                {
                    html.Append("<div class=\"outputs\">");
                    foreach (var output in outputs.OfType<JsonObject>()) html.Append(Output(output));
                    html.Append("</div>");
                }
            }
            html.Append("</div>\n");
        }
        html.Append("</body></html>\n");
        File.WriteAllText(path, html.ToString());
    }

    public static void WriteIndex(IReadOnlyList<NotebookResult> results, string path)
    {
        var html = new StringBuilder();
        html.Append($"<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>NotebookDL: replayed notebooks</title><style>{Style}</style></head><body>\n");
        html.Append("<h1>NotebookDL: the course notebooks, replayed</h1>\n");
        html.Append($"<p class=\"meta\">{results.Count} notebooks, {results.Count(r => r.Succeeded)} ran clean, {results.Sum(r => r.Elapsed.TotalSeconds):F0} s in all · {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC</p>\n");
        html.Append("<table class=\"index\"><tr><th>notebook</th><th>report</th><th>executed notebook</th><th>time</th><th>status</th><th>key numbers shown</th></tr>\n");
        foreach (var r in results)
        {
            var name = r.Notebook.Name;
            html.Append($"<tr><td>{Encode(r.Notebook.Title)}</td><td><a href=\"{Encode(name)}.html\">{Encode(name)}.html</a></td>" +
                        $"<td><a href=\"{Encode(name)}.ipynb\">{Encode(name)}.ipynb</a></td><td>{r.Elapsed.TotalSeconds:F1} s</td>" +
                        $"<td>{Status(r)}</td><td>{Encode(string.Join(", ", r.Found))}</td></tr>\n");
        }
        html.Append("</table></body></html>\n");
        File.WriteAllText(path, html.ToString());
    }

    private static string Status(NotebookResult r) =>
        r.Succeeded ? "<span class=\"ok\">ran clean</span>" : $"<span class=\"bad\">{Encode(r.Failure)}</span>";

    private static string Output(JsonObject output)
    {
        switch ((string?)output["output_type"])
        {
            case "stream":
                return $"<pre class=\"stream\">{Encode(Text(output["text"]))}</pre>";
            case "error":
                return $"<pre class=\"error\">{Encode((string?)output["evalue"])}</pre>";
            default:
                var data = output["data"] as JsonObject;
                if (data is null) return "";
                if (data["text/html"] is { } html) return $"<div>{Text(html)}</div>";
                if (data["image/png"] is { } png) return $"<img src=\"data:image/png;base64,{Text(png)}\">";
                if (data["image/svg+xml"] is { } svg) return Text(svg);
                if (data["text/plain"] is { } plain) return $"<pre class=\"stream\">{Encode(Text(plain))}</pre>";
                return "";
        }
    }

    private static string Text(JsonNode? node) => node switch
    {
        JsonArray lines => string.Concat(lines.Select(l => l?.GetValue<string>())),
        JsonValue v => v.GetValue<string>(),
        _ => "",
    };

    private static string Encode(string? s) => WebUtility.HtmlEncode(s ?? "");
}
