using NotebookDL.Extension;
using NotebookDL.Extension.Commands;

namespace NotebookDL.Tests.Extension;

/// <summary>The examples each command's --help lists are lines a user can copy: no note rides along on the line.</summary>
public class CommandExamplesTests
{
    public static TheoryData<string, string> Examples()
    {
        var data = new TheoryData<string, string>();
        foreach (var command in NotebookDLKernelExtension.Commands)
            foreach (var example in command.Examples)
                data.Add(command.Name, example);
        return data;
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Every_example_is_a_line_the_command_reads_without_a_stray_value(string command, string example)
    {
        Assert.StartsWith("#!", example);
        // An example may show the line before the command's own (#!step's starts with the #!train --paused it steps).
        var named = example[2..].Split(' ')[0];
        var magic = NotebookDLKernelExtension.Commands.Single(c => c.Name == named);
        MagicLineCheck.Check(magic, example); // "(too high: ...)" after the options was "unexpected value '(too'"
        // Listed under its command, or the line its command's own example follows (#!step's #!train --paused).
        Assert.Contains(NotebookDLKernelExtension.Commands.Single(c => c.Name == command).Examples, e => e.StartsWith("#!" + command, StringComparison.Ordinal));
    }

    [Fact]
    public void A_note_after_the_options_is_caught()
    {
        var train = NotebookDLKernelExtension.Commands.Single(c => c.Name == "train");
        Assert.Throws<CommandException>(() => MagicLineCheck.Check(train, "#!train --lr 1e6   (too high: the cost explodes)"));
    }
}
