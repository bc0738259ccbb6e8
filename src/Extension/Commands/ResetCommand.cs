using NotebookDL.Extension.Formatters;
using NotebookDL.Extension.Session;

using NotebookDL.Extension.Options;

namespace NotebookDL.Extension.Commands;

public sealed class NotebookDLReset : MagicDirective;

/// <summary>
/// <c>#!reset</c>: puts the paused training session back to its start: the initial weights, fresh optimiser state,
/// iteration 0; the same seed gives the same shuffles, so stepping again repeats the same numbers.
/// </summary>
public sealed class ResetCommand : MagicCommand<NotebookDLReset>
{
    public override string Name => "reset";
    public override string Summary => "puts the paused training session back to its initial weights and iteration 0";

    public override IReadOnlyList<CommandOption> Options { get; } = [SharedOptions.Session];

    public override IReadOnlyList<string> Examples { get; } = ["#!reset", "#!reset --session bnSession"];

    protected internal override Task RunAsync(CommandContext c)
    {
        var (session, variable, description) = PausedSession.Find(c, c.Get(SharedOptions.Session));
        int was = session.Iteration;
        session.Reset();
        c.Show(Html.Block(
                Html.Note($"reset after {was} iterations: back to the initial weights, iteration 0"),
                GlanceFormatter.Html(session),
                Html.Detail($"#!reset · {TrainingSessionFormatter.State(session)} · the session: C# variable {variable} ({description})"),
                TrainingSessionFormatter.NextCommands()),
            $"reset after {was} iterations\n{session}");
        return Task.CompletedTask;
    }
}
