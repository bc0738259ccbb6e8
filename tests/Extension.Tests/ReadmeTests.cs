using NotebookDL.Extension;
using NotebookDL.Extension.Commands;

namespace NotebookDL.Tests.Extension;

/// <summary>
/// The README's command section stays true: every command has a section, and in it the table of its options made
/// from their declarations (<see cref="ReadmeOptionTables"/>). With NOTEBOOKDL_WRITE_README=1 the test writes the
/// tables into README.md instead of comparing them:
/// <c>NOTEBOOKDL_WRITE_README=1 dotnet test tests/Extension.Tests -c Release --filter "FullyQualifiedName~ReadmeTests"</c>.
/// </summary>
public class ReadmeTests
{
    private static bool Writing => Environment.GetEnvironmentVariable("NOTEBOOKDL_WRITE_README") == "1";

    [Fact]
    public void Every_magic_command_has_a_section()
    {
        var readme = Readme.Read();
        var missing = NotebookDLKernelExtension.Commands.Where(c => Readme.SectionOf(readme, c) is null).Select(c => "#!" + c.Name).ToList();
        Assert.True(missing.Count == 0, "no section (a ### heading naming the command) in README.md: " + string.Join(", ", missing));
    }

    [Fact]
    public void Every_magic_command_has_its_option_table_as_declared()
    {
        var readme = Readme.Read();
        var problems = new List<string>();
        var written = readme;
        foreach (var command in NotebookDLKernelExtension.Commands)
        {
            var problem = Readme.Check(ref written, command, Writing);
            if (problem is not null) problems.Add(problem);
        }
        var unknown = Readme.MarkedNames(readme).Except(NotebookDLKernelExtension.Commands.Select(c => c.Name)).ToList();
        problems.AddRange(unknown.Select(name => $"#!{name}: README.md has a table for it, but there is no such command"));

        if (Writing && written != readme) Readme.Write(written);
        Assert.True(problems.Count == 0,
            string.Join("\n\n", problems) +
            "\n\nRegenerate the tables with NOTEBOOKDL_WRITE_README=1 dotnet test tests/Extension.Tests -c Release --filter \"FullyQualifiedName~ReadmeTests\"");
    }

    /// <summary>
    /// A test may register an activation of its own (<see cref="Softsign"/>) before this one runs, in any order: the
    /// tables still list the engine's own choices, so README.md does not depend on which tests ran first.
    /// </summary>
    [Fact]
    public void The_tables_list_the_engines_own_choices_whatever_was_registered()
    {
        Softsign.Register();
        Assert.Contains("softsign", NotebookDL.Extension.Options.TrainingOptionTable.Activation.Help);
        var train = ReadmeOptionTables.Render(NotebookDLKernelExtension.Commands.Single(c => c.Name == "train"));
        Assert.Contains("maxout", train);
        Assert.DoesNotContain("softsign", train);
        Assert.Contains("softsign", NotebookDL.Extension.Options.TrainingOptionTable.Activation.Help); // outside the rendering, as before
    }

    [Fact]
    public void A_cell_escapes_what_markdown_would_read_otherwise()
    {
        Assert.Equal(@"x / (1 + \|x\|)", ReadmeOptionTables.Cell("x / (1 + |x|)"));
        Assert.Equal(@"a\*b, \`c\`, a\\b", ReadmeOptionTables.Cell("a*b, `c`, a\\b"));
        Assert.Equal("the &lt;path>, cost < 1.5, a &amp;amp; b & c", ReadmeOptionTables.Cell("the <path>, cost < 1.5, a &amp; b & c"));
        Assert.Equal("one line", ReadmeOptionTables.Cell("one\n  line "));
        Assert.Equal("", ReadmeOptionTables.Cell(null));
    }

    [Fact]
    public void A_table_renders_every_option_once_with_its_default_and_help()
    {
        var softmax = NotebookDLKernelExtension.Commands.Single(c => c.Name == "softmax");
        var lines = ReadmeOptionTables.Render(softmax).TrimEnd('\n').Split('\n');
        Assert.Equal("| option | default | what it does |", lines[0]);
        Assert.Equal(softmax.Options.Count + 2, lines.Length);
        Assert.StartsWith("| `--z` (name optional) |", lines[2]);
    }

    /// <summary>README.md at the repository's root, and its command sections.</summary>
    private static class Readme
    {
        private static string PathOf() => RepositoryFiles.PathOf("README.md");

        public static string Read() => File.ReadAllText(PathOf()).ReplaceLineEndings("\n");

        public static void Write(string text) => File.WriteAllText(PathOf(), text);

        /// <summary>From the <c>###</c> heading naming <c>`#!name`</c> to the next heading: (start, end); null if none.</summary>
        public static (int Start, int End)? SectionOf(string readme, MagicCommand command)
        {
            int at = 0;
            while ((at = readme.IndexOf("\n### ", at, StringComparison.Ordinal)) >= 0)
            {
                int lineEnd = readme.IndexOf('\n', at + 1);
                if (lineEnd < 0) lineEnd = readme.Length;
                if (readme[at..lineEnd].Contains($"`#!{command.Name}`", StringComparison.Ordinal))
                {
                    int next = readme.IndexOf("\n#", lineEnd, StringComparison.Ordinal);
                    while (next >= 0 && !readme.AsSpan(next + 1).StartsWith("## ") && !readme.AsSpan(next + 1).StartsWith("### "))
                        next = readme.IndexOf("\n#", next + 1, StringComparison.Ordinal); // a "#!train" line in a code block
                    return (at + 1, next < 0 ? readme.Length : next + 1);
                }
                at = lineEnd;
            }
            return null;
        }

        /// <summary>The names of every <c>&lt;!-- options:NAME --&gt;</c> and <c>&lt;!-- /options:NAME --&gt;</c> marker.</summary>
        public static IEnumerable<string> MarkedNames(string readme) =>
            System.Text.RegularExpressions.Regex.Matches(readme, @"<!-- /?options:([^ ]+) -->").Select(m => m.Groups[1].Value).Distinct();

        /// <summary>
        /// What is wrong with <paramref name="command"/>'s table in <paramref name="readme"/>, or null. When
        /// <paramref name="write"/> is set, the table is rewritten (a missing one added at the end of its section) instead.
        /// </summary>
        public static string? Check(ref string readme, MagicCommand command, bool write)
        {
            string name = "#!" + command.Name, start = ReadmeOptionTables.Start(command), end = ReadmeOptionTables.End(command);
            if (SectionOf(readme, command) is not { } section) return $"{name}: no section in README.md to hold its option table";
            int from = readme.IndexOf(start, StringComparison.Ordinal), to = readme.IndexOf(end, StringComparison.Ordinal);
            if (from < 0 && to < 0)
            {
                if (!write) return $"{name}: no option table in README.md (its section has no {start} ... {end} markers)";
                int at = section.End;
                while (at > section.Start && readme[at - 1] == '\n' && readme[at - 2] == '\n') at--;
                readme = readme[..at] + "\n" + ReadmeOptionTables.Block(command) + "\n" + readme[at..];
                return null;
            }
            if (from < 0) return $"{name}: README.md has {end} without {start}";
            if (to < 0) return $"{name}: README.md has {start} without {end}";
            if (to < from) return $"{name}: README.md has {start} after {end}";
            if (readme.IndexOf(start, from + 1, StringComparison.Ordinal) >= 0) return $"{name}: README.md has {start} twice";
            if (from < section.Start || to > section.End) return $"{name}: its option table in README.md is outside its section";

            int bodyStart = from + start.Length;
            var actual = readme[bodyStart..to];
            var expected = ReadmeOptionTables.Body(command);
            if (actual == expected) return null;
            if (write)
            {
                readme = readme[..from] + ReadmeOptionTables.Block(command) + readme[(to + end.Length)..];
                return null;
            }
            return $"{name}: its option table in README.md differs from its declarations{FirstDifference(readme, bodyStart, actual, expected)}";
        }

        /// <summary>The first line that differs, with its line number in README.md.</summary>
        private static string FirstDifference(string readme, int bodyStart, string actual, string expected)
        {
            var a = actual.Split('\n');
            var e = expected.Split('\n');
            int firstLine = readme[..bodyStart].Count(c => c == '\n') + 1; // the body starts with the marker line's end
            for (int i = 0; i < Math.Max(a.Length, e.Length); i++)
            {
                var readmeLine = i < a.Length ? a[i] : "(nothing)";
                var declaredLine = i < e.Length ? e[i] : "(nothing)";
                if (readmeLine != declaredLine)
                    return $" at line {firstLine + i}:\n  README.md:  {readmeLine}\n  declared:   {declaredLine}";
            }
            return "";
        }
    }
}
