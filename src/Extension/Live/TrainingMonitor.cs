using System.Diagnostics;
using System.Globalization;
using NotebookDL.Extension.Formatters;
using NotebookDL.Training;

namespace NotebookDL.Extension.Live;

/// <summary>
/// Follows a <see cref="Trainer"/> through its events and keeps one output up to date while it runs: progress,
/// ETA, the live cost and accuracy curves and the latest log lines (ML.NET's notebook monitor does the same).
/// Thread-safe, because a cancellation may ask for the last picture from another thread.
/// </summary>
public sealed class TrainingMonitor
{
    private readonly object _gate = new();
    private readonly LiveDisplay _display;
    private readonly string _title;
    private readonly int _epochs;
    private readonly int _iterationsPerEpoch;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly List<double> _costs = [];
    private readonly List<EpochSummary> _log = [];
    private bool _closed;

    public TrainingMonitor(LiveDisplay display, string title, int epochs, int iterationsPerEpoch)
    {
        _display = display;
        _title = title;
        _epochs = epochs;
        _iterationsPerEpoch = Math.Max(1, iterationsPerEpoch);
    }

    /// <summary>Subscribes to <paramref name="trainer"/>'s events.</summary>
    public void Attach(Trainer trainer)
    {
        trainer.IterationCompleted += report =>
        {
            lock (_gate) _costs.Add(report.Cost);
            Refresh();
        };
        trainer.EpochCompleted += summary =>
        {
            lock (_gate) _log.Add(summary);
            Refresh();
        };
    }

    /// <summary>Replaces the output with the state so far, at most a few times a second.</summary>
    public void Refresh()
    {
        if (_closed) return;
        _display.Update(() => Render(final: null));
    }

    /// <summary>
    /// The last picture, with a closing line (e.g. why it stopped) and the curves; later refreshes are ignored.
    /// For a cancellation: a display made after it may not be published, so the curves stay in this output.
    /// </summary>
    public void Close(string closing) => End(closing, withChart: true);

    /// <summary>
    /// The last picture without the curves, for a run that ended by itself: the command then shows the curves
    /// as a chart output of their own, which carries the plotly JSON that JupyterLab and VS Code draw even in
    /// an untrusted notebook (a chart inside HTML needs scripts to run).
    /// </summary>
    public void Finish(string closing) => End(closing, withChart: false);

    private void End(string closing, bool withChart)
    {
        HtmlOutput output;
        lock (_gate)
        {
            if (_closed) return;
            _closed = true;
            output = Render(closing, withChart);
        }
        _display.Replace(output);
    }

    /// <summary>The history as far as the monitor has seen it (a copy).</summary>
    public TrainingHistory Snapshot()
    {
        lock (_gate)
        {
            return new TrainingHistory
            {
                EpochsRequested = _epochs,
                IterationsPerEpoch = _iterationsPerEpoch,
                Costs = [.. _costs],
                Epochs = [.. _log],
                InitialCost = _costs.Count > 0 ? _costs[0] : double.NaN,
                Elapsed = _clock.Elapsed,
            };
        }
    }

    private HtmlOutput Render(string? final, bool withChart = true)
    {
        var h = Snapshot();
        int total = _epochs * _iterationsPerEpoch, done = h.Costs.Count;
        double elapsed = _clock.Elapsed.TotalSeconds;
        var c = CultureInfo.InvariantCulture;
        string status = final ?? (done == 0
            ? "starting…"
            : string.Format(c, "epoch {0} / {1}, iteration {2} / {3} ({4:P0}), cost {5}, {6:F1} s elapsed, about {7:F0} s to go",
                Math.Min(_epochs, done / _iterationsPerEpoch + 1), _epochs, done, total, (double)done / total,
                Html.Num(h.Costs[^1]), elapsed, elapsed / done * (total - done)));
        var progress = $"<progress max=\"{total}\" value=\"{done}\" style=\"width:320px\"></progress> {Html.Encode(status)}";
        var lastLines = h.Epochs.TakeLast(3).Select(e => e.Format(_epochs));
        var html = Html.Block(
            Html.Heading(_title),
            $"<div>{progress}</div>",
            done > 0 && withChart ? Chart.From(TrainingHistoryFormatter.Figure(h)).ToHtml() : null,
            h.Epochs.Count > 0 ? $"<pre style=\"margin:2px 0\">{Html.Encode(string.Join("\n", lastLines))}</pre>" : null);
        return new HtmlOutput(html, $"{_title}: {status}");
    }
}
