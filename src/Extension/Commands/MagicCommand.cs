using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.Directives;
using NotebookDL.Extension.Formatters;
using NotebookDL.Extension.Options;
using NotebookDL.Extension.Session;

namespace NotebookDL.Extension.Commands;

/// <summary>
/// A magic command (<c>#!name --option value</c>): its directive with a description and options (hover help
/// and completions), <c>--help</c> printing its usage, and a handler that turns every failure into a clear
/// error in the cell while the kernel carries on.
/// </summary>
public abstract class MagicCommand
{
    /// <summary>The name without <c>#!</c>, e.g. "softmax".</summary>
    public abstract string Name { get; }

    /// <summary>One sentence: what the command shows.</summary>
    public abstract string Summary { get; }

    /// <summary>The command's own options (<c>--help</c> is added to every command).</summary>
    public abstract IReadOnlyList<CommandOption> Options { get; }

    /// <summary>Lines a user can copy.</summary>
    public virtual IReadOnlyList<string> Examples => [];

    /// <summary>Adds the directive to the kernel; its runs share <paramref name="session"/>, the notebook's state.</summary>
    public abstract void Register(Kernel kernel, NotebookSession session);

    /// <summary>Every option including <c>--help</c>.</summary>
    public IReadOnlyList<CommandOption> AllOptions => [.. Options, HelpOption];

    /// <summary><c>--help</c>, which every command takes.</summary>
    public static readonly Option<bool> HelpOption = Option.Flag("--help", "show this help");

    /// <summary>The usage as HTML: summary, options with defaults, examples.</summary>
    public string HelpHtml() => Html.Block(
        Html.Heading($"#!{Name}: {Summary}"),
        Html.Table(["option", "default", "what it does"],
            AllOptions.Select(o => new[]
            {
                Html.Code(o.Implicit ? $"[{o.Name}] value" : o.IsFlag ? o.Name : $"{o.Name} value"),
                Html.Encode(o.DefaultText ?? ""),
                Html.Encode(o.Help),
            })),
        Examples.Count == 0 ? null : "<div>Examples:</div><pre>" + Html.Encode(string.Join("\n", Examples)) + "</pre>");

    /// <summary>The usage as plain text.</summary>
    public string HelpText() =>
        $"#!{Name}: {Summary}\n" +
        string.Join("\n", AllOptions.Select(o => $"  {(o.IsFlag ? o.Name : o.Name + " <value>"),-28} {o.Help}{(o.DefaultText is null ? "" : $" (default {o.DefaultText})")}")) +
        (Examples.Count == 0 ? "" : "\nExamples:\n  " + string.Join("\n  ", Examples));

    /// <summary>
    /// An engine check's message as the user should read it: an <see cref="ArgumentException"/>'s message without
    /// the " (Parameter 'name')" .NET appends (the name of a C# parameter the user never typed) and without the
    /// "Actual value was …" line of an <see cref="ArgumentOutOfRangeException"/> (the engine's messages say "got …").
    /// </summary>
    public static string UserMessage(Exception e)
    {
        var message = e.Message;
        if (e is ArgumentException { ParamName: { } name })
        {
            // ArgumentException.Message is the message, then the suffix, then (out of range) a new line and the value.
            int at = message.LastIndexOf($" (Parameter '{name}')", StringComparison.Ordinal);
            if (at >= 0) message = message[..at];
        }
        return message;
    }

    /// <summary>Runs the command once its options are read.</summary>
    protected internal abstract Task RunAsync(CommandContext context);
}

/// <summary>The registration and error handling shared by every command, typed by its directive class.</summary>
public abstract class MagicCommand<TDirective> : MagicCommand where TDirective : MagicDirective
{
    public override void Register(Kernel kernel, NotebookSession session)
    {
        var directive = new KernelActionDirective("#!" + Name) { Description = Summary };
        foreach (var option in AllOptions)
        {
            directive.Parameters.Add(new KernelDirectiveParameter(option.Name, option.Help + (option.DefaultText is null ? "" : $" (default {option.DefaultText})"))
            {
                AllowImplicitName = option.Implicit,
                Flag = option.IsFlag,
            });
        }
        kernel.AddDirective<TDirective>(directive, (command, invocation) => HandleAsync(command, invocation, session));
    }

    private async Task HandleAsync(TDirective command, KernelInvocationContext invocation, NotebookSession session)
    {
        try
        {
            // --help shows the usage even when other options on the line are wrong.
            if (command.Values is { } typed && typed.TryGetValue(HelpOption.Key, out var help) && help.ValueKind == System.Text.Json.JsonValueKind.True)
            {
                invocation.Display(new HtmlOutput(HelpHtml(), HelpText()), HtmlOutput.MimeTypes);
                return;
            }
            MagicLineCheck.Check(this, (command.Parent as SubmitCode)?.Code);
            var values = OptionValues.Read(command.Values, AllOptions);
            await RunAsync(new CommandContext(this, invocation, values, session));
        }
        catch (CommandException e)
        {
            invocation.Fail(command, null, $"#!{Name}: {e.Message}. Try #!{Name} --help.");
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or IOException or InvalidDataException or UnauthorizedAccessException or FormatException or KeyNotFoundException or NotSupportedException)
        {
            // The engine's own checks (bad shapes, corrupt files) speak to the user directly. InvalidDataException
            // (a corrupt or oversized data file, named in its message) is not an IOException, so it is listed.
            invocation.Fail(command, null, $"#!{Name}: {UserMessage(e)}");
        }
        catch (OperationCanceledException)
        {
            invocation.Fail(command, null, $"#!{Name} was cancelled.");
        }
        catch (Exception e) when (e is not OutOfMemoryException and not StackOverflowException)
        {
            invocation.Fail(command, e, $"#!{Name} failed unexpectedly: {e.GetType().Name}: {e.Message}");
        }
    }
}
