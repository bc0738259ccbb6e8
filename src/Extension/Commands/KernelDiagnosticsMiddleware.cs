using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;

namespace NotebookDL.Extension.Commands;

/// <summary>
/// When the kernel's directive parser rejects one of our lines (an unknown or repeated option, <c>[NaN]</c>,
/// <c>--as @class</c>), it does not call the command: it replaces the cell's commands with one that publishes its
/// DNI diagnostics and a stray "Microsoft.CodeAnalysis.Diagnostic[]" line, then fails with the same text. That
/// command runs through the root kernel's middleware, so here it is swapped for our own one clear error, read off
/// the line by <see cref="MagicLineCheck"/>. Lines we cannot explain keep the kernel's message.
/// </summary>
public static class KernelDiagnosticsMiddleware
{
    /// <summary>The type of the command the parser's failure runs as (internal to the kernel).</summary>
    private const string ParserFailureType = "AnonymousKernelCommand";

    public static void Install(Kernel kernel, IReadOnlyList<MagicCommand> commands)
    {
        var root = kernel.RootKernel;
        root.AddMiddleware(async (command, context, next) =>
        {
            if (command.GetType().Name == ParserFailureType && command.Parent is SubmitCode submit && Explain(submit.Code, commands) is { } error)
            {
                context.Fail(submit, null, error);
                return;
            }
            // "--as @class" makes the parser ask the C# kernel for a variable 'class' first, which prints "Value 'class'
            // not found" before failing: a line we will explain anyway needs no lookup.
            if (command is RequestValue && RootSubmission(command) is { } cell && Explain(cell.Code, commands) is not null)
                return;
            await next(command, context);
        });
    }

    private static SubmitCode? RootSubmission(KernelCommand command)
    {
        for (var c = command.Parent; c is not null; c = c.Parent)
            if (c is SubmitCode submit && c.Parent is null) return submit;
        return KernelInvocationContext.Current?.Command as SubmitCode;
    }

    /// <summary>"#!name: problem. Try #!name --help." for the first of our lines in <paramref name="code"/> with a problem, or null.</summary>
    public static string? Explain(string code, IReadOnlyList<MagicCommand> commands)
    {
        foreach (var command in commands)
            if (MagicLineCheck.Problem(command, code) is { } problem)
                return $"#!{command.Name}: {problem}. Try #!{command.Name} --help.";
        return null;
    }
}
