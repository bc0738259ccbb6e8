using System.Text.RegularExpressions;

namespace NotebookDL.Tests.Extension;

/// <summary>
/// The code blocks of README.md as a reader copies them: each fenced block with its language, its line in the file
/// and what the line before it says about running it — an HTML comment, invisible on the rendered page:
/// <c>&lt;!-- readme-test: expect: val acc 0.96 | gain --&gt;</c> (strings the block's outputs must show, which the
/// README's text states), <c>continues</c> (the block goes on from the one before, e.g. a paused session),
/// <c>setup: notebooks/11-exercises.dib</c> (that notebook's cells run first: the learner's code a block uses),
/// <c>cluster</c> (the search on workers) or <c>skip: why</c>.
/// </summary>
public sealed partial record ReadmeBlock(int Line, string Language, string Code, string? Note)
{
    [GeneratedRegex(@"^<!--\s*readme-test:(?<note>.*?)-->\s*$")]
    private static partial Regex NoteLine();

    /// <summary>The README's fenced blocks in order.</summary>
    public static IReadOnlyList<ReadmeBlock> Read(string readme)
    {
        var lines = readme.ReplaceLineEndings("\n").Split('\n');
        var blocks = new List<ReadmeBlock>();
        for (int i = 0; i < lines.Length; i++)
        {
            if (!lines[i].StartsWith("```", StringComparison.Ordinal)) continue;
            int start = i;
            var language = lines[i][3..].Trim();
            var code = new List<string>();
            for (i++; i < lines.Length && !lines[i].StartsWith("```", StringComparison.Ordinal); i++) code.Add(lines[i]);
            var note = start > 0 && NoteLine().Match(lines[start - 1]) is { Success: true } m ? m.Groups["note"].Value.Trim() : null;
            blocks.Add(new ReadmeBlock(start + 1, language, string.Join("\n", code), note));
        }
        return blocks;
    }

    /// <summary>A block a notebook runs: magic lines or C# (not a shell's, not a program's printout).</summary>
    public bool IsNotebookCode => Language is "" or "csharp";

    /// <summary>The value of a note's <c>key: value</c> part (parts are separated by <c>;</c>), or null.</summary>
    public string? NoteValue(string key) =>
        Note?.Split(';', StringSplitOptions.TrimEntries).FirstOrDefault(p => p.StartsWith(key + ":", StringComparison.Ordinal)) is { } part
            ? part[(key.Length + 1)..].Trim() : null;

    /// <summary>Whether the note has the word <paramref name="flag"/> (<c>continues</c>, <c>cluster</c>).</summary>
    public bool Has(string flag) => Note?.Split(';', StringSplitOptions.TrimEntries).Contains(flag) ?? false;

    /// <summary>The strings its outputs must show (<c>expect: a | b</c>).</summary>
    public IReadOnlyList<string> Expected =>
        NoteValue("expect")?.Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) ?? [];

    /// <summary>
    /// The cells a notebook would run: each magic line its own cell (a block of them lists alternatives or steps), a
    /// block of C# one cell.
    /// </summary>
    public IReadOnlyList<string> Cells =>
        Code.Split('\n').Any(l => l.StartsWith("#!", StringComparison.Ordinal))
            ? Code.Split('\n').Where(l => l.Trim().Length > 0).ToList()
            : [Code];

    public override string ToString() => $"README.md:{Line} ({(Language.Length == 0 ? "plain" : Language)})";
}
