using System.Text;
using System.Text.RegularExpressions;
using NotebookDL.Extension.Commands;

namespace NotebookDL.Tests.Extension;

/// <summary>
/// The README's option tables, made from the commands' declarations (name, default, help): one markdown table per
/// command, between <c>&lt;!-- options:NAME --&gt;</c> and <c>&lt;!-- /options:NAME --&gt;</c> in its section.
/// <see cref="ReadmeTests"/> fails when README.md and these differ, and rewrites them with NOTEBOOKDL_WRITE_README=1.
/// </summary>
public static partial class ReadmeOptionTables
{
    /// <summary>The marker before <paramref name="command"/>'s table.</summary>
    public static string Start(MagicCommand command) => $"<!-- options:{command.Name} -->";

    /// <summary>The marker after it.</summary>
    public static string End(MagicCommand command) => $"<!-- /options:{command.Name} -->";

    /// <summary>
    /// The table of <paramref name="command"/>'s own options (<c>--help</c>, which every command takes, is said once
    /// above the commands), rendered with the registries as the engine ships them: a choice list reads the activations,
    /// optimisers, ... registered now, and a test may have registered one of its own before.
    /// </summary>
    public static string Render(MagicCommand command)
    {
        using var _ = Registries.BuiltInsOnly();
        var table = new StringBuilder();
        table.Append("| option | default | what it does |\n");
        table.Append("|---|---|---|\n");
        foreach (var option in command.Options)
        {
            var name = $"`{option.Name}`" + (option.Implicit ? " (name optional)" : "") + (option.IsFlag ? " (flag)" : "");
            table.Append($"| {name} | {Cell(option.DefaultText)} | {Cell(option.Help)} |\n");
        }
        return table.ToString();
    }

    /// <summary>
    /// What README.md holds between the markers: the table with a blank line either side (a line right after a table
    /// would be read as one more row, even a comment).
    /// </summary>
    public static string Body(MagicCommand command) => $"\n\n{Render(command)}\n";

    /// <summary>The table with its markers, as README.md holds it.</summary>
    public static string Block(MagicCommand command) => Start(command) + Body(command) + End(command);

    /// <summary>
    /// Text in a table cell: one line, with what markdown would read as a column border, emphasis, code, a tag or an
    /// entity escaped, so the cell shows the help as <c>--help</c> does.
    /// </summary>
    public static string Cell(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var line = Whitespace().Replace(text, " ").Trim();
        var cell = new StringBuilder(line.Length + 8);
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            switch (c)
            {
                case '\\' or '|' or '*' or '`': cell.Append('\\').Append(c); break;
                case '<' when StartsTag(line, i): cell.Append("&lt;"); break;
                case '&' when StartsTag(line, i): cell.Append("&amp;"); break;
                default: cell.Append(c); break;
            }
        }
        return cell.ToString();
    }

    /// <summary>Whether the character at <paramref name="i"/> (<c>&lt;</c> or <c>&amp;</c>) could begin a tag or an entity, as in "&lt;path&gt;"; "cost &lt; 1.5" stays as typed.</summary>
    private static bool StartsTag(string line, int i) =>
        i + 1 < line.Length && (char.IsLetter(line[i + 1]) || line[i + 1] is '/' or '!' or '?' or '#');

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
