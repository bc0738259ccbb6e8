using NotebookDL.Extension.Formatters;

using NotebookDL.Extension.Options;

namespace NotebookDL.Extension.Commands;

public sealed class NotebookDLHelp : MagicDirective;

/// <summary><c>#!notebookdl</c>: every command with its summary, or one command's usage.</summary>
public sealed class HelpCommand(IReadOnlyList<MagicCommand> commands) : MagicCommand<NotebookDLHelp>
{
    public override string Name => "notebookdl";
    public override string Summary => "lists NotebookDL's magic commands, or shows one command's usage";

    private static readonly Option<string?> Command = Option.Text("--command", "a command name (e.g. train) to show its usage").NameOptional();

    public override IReadOnlyList<CommandOption> Options { get; } = [Command];

    protected internal override Task RunAsync(CommandContext c)
    {
        var wanted = c.Get(Command)?.TrimStart('#', '!');
        if (wanted is not null)
        {
            var command = commands.FirstOrDefault(m => m.Name == wanted)
                          ?? throw new CommandException($"there is no command #!{wanted}; the commands are {string.Join(", ", commands.Select(m => "#!" + m.Name))}");
            c.Show(command.HelpHtml(), command.HelpText());
            return Task.CompletedTask;
        }
        var rows = commands.Select(m => new[] { Html.Code("#!" + m.Name), Html.Encode(m.Summary) });
        var text = string.Join("\n", commands.Select(m => $"#!{m.Name,-16} {m.Summary}"));
        c.Show(Html.Block(
                Html.Heading($"NotebookDL {NotebookDLKernelExtension.Version}"),
                Html.Table(["command", "what it shows"], rows),
                Html.Detail("Add --help to any command for its options. Results are also stored as C# variables (--as NAME).")),
            text);
        return Task.CompletedTask;
    }
}
