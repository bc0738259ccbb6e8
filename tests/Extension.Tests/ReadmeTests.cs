using NotebookDL.Extension;

namespace NotebookDL.Tests.Extension;

/// <summary>The README's command section stays true: every command and every option is documented there.</summary>
public class ReadmeTests
{
    [Fact]
    public void The_readme_documents_every_magic_command_and_option()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(root.FullName, "NotebookDL.sln"))) root = root.Parent!;
        var readme = File.ReadAllText(Path.Combine(root.FullName, "README.md"));
        var missing = NotebookDLKernelExtension.Commands
            .SelectMany(c => c.Options.Select(o => (Command: "#!" + c.Name, Option: o.Name)).Prepend((Command: "#!" + c.Name, Option: "")))
            .Where(x => !readme.Contains(x.Command, StringComparison.Ordinal) || (x.Option != "" && !Documented(readme, x.Command, x.Option)))
            .Select(x => $"{x.Command} {x.Option}".Trim())
            .ToList();
        Assert.True(missing.Count == 0, "not in README.md: " + string.Join(", ", missing));
    }

    /// <summary>In the command's section, or a #!train option of a section that says it takes them.</summary>
    private static bool Documented(string readme, string command, string option)
    {
        var section = SectionOf(readme, command);
        if (section.Contains(option, StringComparison.Ordinal)) return true;
        return section.Contains("Takes the `#!train`", StringComparison.Ordinal)
               && NotebookDL.Extension.Options.TrainingOptionTable.All.Any(o => o.Name == option)
               && SectionOf(readme, "#!train").Contains(option, StringComparison.Ordinal);
    }

    /// <summary>The README text from the command's heading to the next heading.</summary>
    private static string SectionOf(string readme, string command)
    {
        int start = readme.IndexOf($"### `{command}`", StringComparison.Ordinal);
        if (start < 0) start = readme.IndexOf($"`{command}", StringComparison.Ordinal);
        if (start < 0) start = readme.IndexOf(command, StringComparison.Ordinal);
        int end = readme.IndexOf("\n### ", start + 1, StringComparison.Ordinal);
        return readme[start..(end < 0 ? readme.Length : end)];
    }
}
