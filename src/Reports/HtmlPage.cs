namespace NotebookDL.Reports;

/// <summary>
/// A standalone HTML page of NotebookDL output for a program outside notebooks: plotly.js embedded once (as the
/// extension's load cell emits it), so the page's charts draw offline, then the blocks as a notebook cell shows them.
/// </summary>
public static class HtmlPage
{
    /// <summary>The page: a title, then <paramref name="blocks"/> (HTML from the formatters; null ones left out).</summary>
    public static string Of(string title, params string?[] blocks) =>
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">" +
        $"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{Html.Encode(title)}</title>\n" +
        PlotlyScript.Html() + "\n</head>\n" +
        "<body style=\"font-family:system-ui,-apple-system,'Segoe UI',sans-serif;max-width:1100px;margin:16px auto;padding:0 16px\">\n" +
        $"<h1 style=\"font-size:20px\">{Html.Encode(title)}</h1>\n" + Html.Block(blocks) + "\n</body></html>\n";

    /// <summary>Writes <see cref="Of"/> to <paramref name="path"/> (UTF-8, folders created) and returns its full path.</summary>
    public static string Write(string path, string title, params string?[] blocks)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, Of(title, blocks));
        return full;
    }
}
