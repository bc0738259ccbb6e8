using System.Diagnostics;
using System.Globalization;
using NotebookDL.Analysis;
using NotebookDL.Extension.Commands;
using NotebookDL.Extension.Formatters;

namespace NotebookDL.Extension.Live;

/// <summary>
/// Follows an <see cref="Experiment"/> through its stages in one output updated in place: each stage gets a
/// <see cref="TrainingMonitor"/> titled "stage k / K: name" (progress, live curves), and the output ends with a
/// line saying how the experiment went. Thread-safe like the training monitor.
/// </summary>
public sealed class ExperimentMonitor
{
    private readonly object _gate = new();
    private readonly LiveDisplay _display;
    private readonly string _title;
    private TrainingMonitor? _stage;
    private bool _closed;

    public ExperimentMonitor(LiveDisplay display, string title)
    {
        _display = display;
        _title = title;
    }

    /// <summary>
    /// Runs <paramref name="run"/> with a live output following <paramref name="experiment"/>'s stages; the
    /// command's cancellation (VS Code's stop button) stops it within a mini-batch, keeping what ran.
    /// </summary>
    internal static T Follow<T>(CommandContext c, Experiment experiment, string title, Func<CancellationToken, T> run)
    {
        var live = c.Live(Html.Detail($"{title}: starting…"), $"{title}: starting…");
        var monitor = new ExperimentMonitor(live, title);
        monitor.Attach(experiment);
        // A display made after cancellation may not be published: say what happened from the callback itself.
        using var onCancel = c.CancellationToken.Register(() =>
            monitor.Close("cancelled: the experiment stops after the current mini-batch; what ran is kept"));
        var clock = Stopwatch.StartNew();
        var result = run(c.CancellationToken);
        monitor.Close(string.Format(CultureInfo.InvariantCulture, "{0} in {1:F1} s",
            experiment.StopMessage is null ? "done" : "stopped (" + experiment.StopMessage + ")", clock.Elapsed.TotalSeconds));
        return result;
    }

    /// <summary>Subscribes to <paramref name="experiment"/>'s stages.</summary>
    public void Attach(Experiment experiment) => experiment.StageStarting += Start;

    /// <summary>The final picture: the title and a closing line; later stage updates are ignored.</summary>
    public void Close(string closing)
    {
        TrainingMonitor? stage;
        lock (_gate)
        {
            if (_closed) return;
            _closed = true;
            stage = _stage;
        }
        stage?.Close(closing); // stop its refreshes before the last picture goes up
        _display.Replace(new HtmlOutput(Html.Block(Html.Heading(_title), Html.Detail(closing)), $"{_title}: {closing}"));
    }

    private void Start(TrainingStage stage)
    {
        TrainingMonitor? previous;
        TrainingMonitor next;
        lock (_gate)
        {
            if (_closed) return;
            previous = _stage;
            next = new TrainingMonitor(_display, $"{_title} · stage {stage.Index} / {stage.Count}: {stage.Name}", stage.Options.Epochs, stage.IterationsPerEpoch);
            _stage = next;
        }
        previous?.Close("done");
        next.Attach(stage.Trainer);
        next.Refresh();
    }
}
