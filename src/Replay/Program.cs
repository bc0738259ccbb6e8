using System.CommandLine;
using NotebookDL.Replay.Verbs;

namespace NotebookDL.Replay;

/// <summary>
/// NotebookDL's main job: replays every course notebook headless in an in-process .NET Interactive kernel.
/// <code>dotnet run --project src/Replay -c Release -- notebooks --out out</code>
/// writes out/&lt;name&gt;.ipynb (executed, outputs filled), out/&lt;name&gt;.html (a self-contained report) and
/// out/index.html, and exits non-zero naming the notebook and the cell that failed. Its other verbs (convert,
/// student, bundle) each live in a file of their own under Verbs/; this class only composes them.
/// </summary>
public static class Program
{
    /// <summary>
    /// The runner's verbs, one subcommand each; adding a verb is one file under Verbs/ and one line here.
    /// </summary>
    public static RootCommand Commands()
    {
        var root = new RootCommand(
            $"NotebookDL's runner: replays the course notebooks headless and writes reports; also converts them, makes their student version " +
            $"and the offline bundle. A command line that names no verb is the {DefaultVerb} verb's: NotebookDL.Replay [paths...] [options].")
        {
            HelpName = "NotebookDL.Replay",
        };
        root.Subcommands.Add(NotebooksVerb.Create());
        root.Subcommands.Add(StudentVerb.Create());
        root.Subcommands.Add(BundleVerb.Create());
        root.Subcommands.Add(ConvertVerb.Create());
        root.Subcommands.Add(GradeVerb.Create());
        root.Subcommands.Add(GradeSubmissionVerb.Create());
        return root;
    }

    /// <summary>The verb a command line that names none runs (the README's first command names it anyway).</summary>
    public const string DefaultVerb = "notebooks";

    /// <summary>Runs the verb the arguments name: 0 when it succeeded, 1 when it failed, 2 on a usage error.</summary>
    public static Task<int> Main(string[] args) => VerbInvocation.InvokeAsync(Commands(), DefaultVerb, args);
}
