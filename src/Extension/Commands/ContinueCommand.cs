using System.Globalization;
using NotebookDL.Extension.Formatters;
using NotebookDL.Extension.Live;
using NotebookDL.Extension.Session;
using NotebookDL.Training;

using NotebookDL.Extension.Options;

namespace NotebookDL.Extension.Commands;

public sealed class NotebookDLContinue : MagicDirective;

/// <summary>
/// <c>#!continue</c>: runs the paused training session on to the end, or until a condition holds
/// (<c>--until "cost &lt; 1.5"</c>), with a live display of the cost and the network at a glance; pauses within one
/// mini-batch when cancelled or out of time, and the session can be stepped or continued again.
/// </summary>
public sealed class ContinueCommand : MagicCommand<NotebookDLContinue>
{
    public override string Name => "continue";
    public override string Summary => "runs the paused training session to the end or until a condition (--until \"cost < 1.5\") with a live display";

    private static readonly Option<StopCondition?> Until = Option.Custom<StopCondition?>("--until",
        "pause when this holds: cost, val acc, train acc, epoch or iteration, then <, <=, > or >=, then a number, e.g. \"val acc >= 0.9\"", null,
        ReadUntil, u => u?.ToString() ?? "");

    private static readonly Option<double> MaxSeconds = TrainingOptionTable.MaxSeconds.With(help: "time budget: it pauses (keeping everything) after this long");

    public override IReadOnlyList<CommandOption> Options { get; } = [Until, SharedOptions.Session, MaxSeconds];

    public override IReadOnlyList<string> Examples { get; } =
    [
        "#!continue",
        "#!continue --until \"cost < 1.5\"",
        "#!continue --until \"epoch >= 3\" --max-seconds 30",
    ];

    protected internal override async Task RunAsync(CommandContext c)
    {
        var until = c.Get(Until);
        double maxSeconds = c.Get(MaxSeconds);
        var (session, variable, description) = PausedSession.Find(c, c.Get(SharedOptions.Session));
        RequireRunning(session);
        if (until is not null)
        {
            try
            {
                until.CheckMeasurable(session);
            }
            catch (ArgumentException e)
            {
                throw new CommandException($"{Until.Name}: {UserMessage(e)}");
            }
        }
        var line = "#!continue" + (until is null ? "" : $" {Until.Name} \"{until}\"");
        await RunOnAsync(c, session, variable, description, line, until is null ? "on to the end" : $"until {until}",
            (budget, ct) => session.Continue(until, budget, ct), maxSeconds);
    }

    /// <summary>The condition of <c>--until</c>, e.g. "val acc &gt;= 0.9".</summary>
    private static StopCondition ReadUntil(string text)
    {
        try
        {
            return StopCondition.Parse(text);
        }
        catch (ArgumentException e)
        {
            throw new CommandException($"{Until.Name}: {UserMessage(e)}");
        }
    }

    /// <summary>A clear error for a session that has ended (every stepping command checks it first).</summary>
    internal static void RequireRunning(TrainingSession session)
    {
        if (session.Finished)
            throw new CommandException($"the session has ended ({session.History.StopMessage}): #!reset starts it again from its initial weights, #!train --paused starts a new one");
    }

    /// <summary>Runs <paramref name="run"/> on the session with a live display, then shows why it paused and the epoch log.</summary>
    internal static Task RunOnAsync(CommandContext c, TrainingSession session, string variable, string description, string line, string what,
        Func<TimeSpan, CancellationToken, SessionPause> run, double maxSeconds)
    {
        var title = $"{line}: {what}";
        var live = c.Live(Html.Detail($"{title}: starting…"), $"{title}: starting…");
        var monitor = new SessionMonitor(live, session, title);
        monitor.Attach();
        SessionPause pause;
        try
        {
            // A display made after cancellation may not be published: say what happens from the callback itself.
            using var onCancel = c.CancellationToken.Register(() => monitor.Close("cancelled: pausing after the current mini-batch; the session keeps its state"));
            pause = run(TimeSpan.FromSeconds(maxSeconds), c.CancellationToken);
        }
        finally
        {
            monitor.Detach();
        }
        // As #!train: a cancelled run keeps its curves in the live output, otherwise they become a chart of their own.
        bool cancelled = c.CancellationToken.IsCancellationRequested;
        monitor.Finish(pause.ToString(), withChart: cancelled);
        if (session.History.Costs.Count > 0 && !cancelled)
            c.Show(Chart.From(TrainingHistoryFormatter.Figure(session.History)));

        var kind = pause.Reason switch
        {
            PauseReason.Finished when session.History.StopReason != StopReason.Completed => "bad",
            PauseReason.TimeBudget or PauseReason.Cancelled or PauseReason.AlreadyMet => "warn",
            _ => "ok",
        };
        var text = pause.Reason switch
        {
            PauseReason.TimeBudget => pause + " (the session can go on: #!continue again)",
            _ => pause.ToString(),
        };
        c.Show(Html.Block(
                Html.Note(text, kind),
                session.History.Epochs.Count > 0 ? TrainingHistoryFormatter.Table(session.History) : null,
                session.Finished ? TrainingHistoryFormatter.StopNote(session.History) + TrainingHistoryFormatter.VerdictNote(session.History) : null,
                Html.Detail(string.Format(CultureInfo.InvariantCulture, "{0} --max-seconds {1} · {2} · the session: C# variable {3} ({4})",
                    line, maxSeconds, TrainingSessionFormatter.State(session), variable, description)),
                session.Finished ? null : TrainingSessionFormatter.NextCommands()),
            $"{text}\n{session}");
        return Task.CompletedTask;
    }
}
