namespace NotebookDL.Extension.Formatters;

/// <summary>
/// A piece of output that is HTML already, with a plain-text twin for consoles and text-only front ends.
/// Its formatters write the HTML as it is (a string displayed as text/html would be escaped on update).
/// </summary>
public sealed record HtmlOutput(string Html, string Text)
{
    public static readonly string[] MimeTypes = ["text/html", "text/plain"];

    public override string ToString() => Text;
}
