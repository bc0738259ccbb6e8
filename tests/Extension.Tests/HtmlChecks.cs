using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace NotebookDL.Tests.Extension;

/// <summary>Checks every formatter's HTML must pass: well-formed markup and numbers printed for people.</summary>
internal static partial class HtmlChecks
{
    /// <summary>
    /// Parses the HTML (scripts and data URIs cut out, HTML entities and void tags made XML) so an unclosed
    /// or crossed tag fails, and finds no float printed with 7 or more decimals (0.30000000000000004).
    /// </summary>
    public static void AssertReadable(string html)
    {
        var withoutScripts = Script().Replace(html, "<script/>");
        var xml = DataUri().Replace(withoutScripts, "\"data:\"");
        xml = VoidTag().Replace(xml, m => m.Value.EndsWith("/>") ? m.Value : m.Value[..^1] + "/>");
        xml = xml.Replace("&nbsp;", "&#160;");
        try
        {
            XElement.Parse("<root>" + xml + "</root>");
        }
        catch (System.Xml.XmlException e)
        {
            Assert.Fail($"the HTML is not well formed: {e.Message}\n{(xml.Length > 3000 ? xml[..3000] : xml)}");
        }
        var text = Tag().Replace(withoutScripts, " ");
        var long_ = LongFloat().Match(text);
        Assert.False(long_.Success, $"a number with too many digits: '{long_.Value}'");
    }

    [GeneratedRegex(@"<script[\s\S]*?</script>")]
    private static partial Regex Script();

    [GeneratedRegex(@"""data:image/png;base64,[A-Za-z0-9+/=]+""")]
    private static partial Regex DataUri();

    [GeneratedRegex(@"<(br|img|hr|input|meta)\b[^>]*>")]
    private static partial Regex VoidTag();

    [GeneratedRegex(@"<[^>]+>")]
    private static partial Regex Tag();

    [GeneratedRegex(@"\d\.\d{7,}")]
    private static partial Regex LongFloat();
}
