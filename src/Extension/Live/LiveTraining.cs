using System.Globalization;
using NotebookDL.Extension.Commands;
using NotebookDL.Extension.Formatters;
using NotebookDL.Training;

namespace NotebookDL.Extension.Live;

/// <summary>
/// The live output of one training run in a command's cell: progress and curves while the trainer runs, then a
/// closing line, and the curves as a chart of their own unless the run was cancelled.
/// </summary>
internal sealed class LiveTraining : IDisposable
{
    private readonly CommandContext _c;
    private readonly TrainingMonitor _monitor;
    private readonly CancellationTokenRegistration _onCancel;

    private LiveTraining(CommandContext c, TrainingMonitor monitor)
    {
        _c = c;
        _monitor = monitor;
        // A display made after cancellation may not be published: say what happened from the callback itself.
        _onCancel = c.CancellationToken.Register(() =>
            monitor.Close("cancelled: training stops after the current mini-batch; the history so far is kept"));
    }

    /// <summary>Shows "<paramref name="title"/>: starting…" and follows <paramref name="trainer"/>'s events.</summary>
    public static LiveTraining Start(CommandContext c, string title, Trainer trainer, Network net, int examples, int epochs, int iterationsPerEpoch)
    {
        var live = c.Live(Html.Detail($"{title}: starting…"), $"{title}: starting…");
        var monitor = new TrainingMonitor(live, $"{title}: {net.Layers.Count} layers, {net.ParameterCount:N0} parameters, {examples:N0} examples", epochs, iterationsPerEpoch);
        monitor.Attach(trainer);
        return new LiveTraining(c, monitor);
    }

    /// <summary>Ends the output with how the run went.</summary>
    public void End(TrainingHistory history)
    {
        var closing = string.Format(CultureInfo.InvariantCulture, "{0}: {1} iterations in {2:F1} s",
            history.StopReason == StopReason.Completed ? "done" : "stopped (" + history.StopMessage + ")", history.Iterations, history.Elapsed.TotalSeconds);
        // A cancelled run keeps its curves in the live output (a display made after a cancel may not be published;
        // this may come before the cancel callback's picture); otherwise they become a chart of their own (HTML and plotly JSON).
        if (_c.CancellationToken.IsCancellationRequested) _monitor.Close(closing);
        else
        {
            _monitor.Finish(closing);
            if (history.Costs.Count > 0) _c.Show(Chart.From(TrainingHistoryFormatter.Figure(history)));
        }
        Dispose();
    }

    public void Dispose() => _onCancel.Dispose();
}
