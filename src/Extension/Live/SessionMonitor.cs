using System.Diagnostics;
using System.Globalization;
using NotebookDL.Extension.Formatters;
using NotebookDL.Training;

namespace NotebookDL.Extension.Live;

/// <summary>
/// Keeps one output up to date while a training session runs on (<c>#!continue</c>, <c>#!step --epoch</c>): progress
/// over the whole run, the cost of every iteration so far and the network at a glance, refreshed a few times a
/// second from the session's events (on the training thread). The last picture is kept so a cancellation,
/// arriving on another thread, can close the output without touching the session.
/// </summary>
public sealed class SessionMonitor
{
    private readonly object _gate = new();
    private readonly LiveDisplay _display;
    private readonly TrainingSession _session;
    private readonly string _title;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly int _startIteration;
    private string _body = "";
    private string _status = "starting…";
    private bool _closed;

    public SessionMonitor(LiveDisplay display, TrainingSession session, string title)
    {
        _display = display;
        _session = session;
        _title = title;
        _startIteration = session.Iteration;
    }

    /// <summary>Follows the session until <see cref="Detach"/>.</summary>
    public void Attach()
    {
        _session.BatchCompleted += OnBatch;
        _session.EpochCompleted += OnEpoch;
    }

    public void Detach()
    {
        _session.BatchCompleted -= OnBatch;
        _session.EpochCompleted -= OnEpoch;
    }

    /// <summary>
    /// The final picture, rendered from the session (call on the thread that ran it), with a closing line; the cost
    /// curves only <paramref name="withChart"/> (the command shows them as a chart output of its own otherwise).
    /// </summary>
    public void Finish(string closing, bool withChart = false)
    {
        lock (_gate)
        {
            if (_closed) return;
            _closed = true;
            (_body, _status) = (Body(withChart), closing);
        }
        _display.Replace(Output());
    }

    /// <summary>The last picture with a closing line, from any thread (a cancellation); later refreshes are ignored.</summary>
    public void Close(string closing)
    {
        lock (_gate)
        {
            if (_closed) return;
            _closed = true;
            _status = closing;
        }
        _display.Replace(Output());
    }

    private void OnBatch(StepRecord record) => Refresh();

    private void OnEpoch(EpochSummary summary) => Refresh();

    private void Refresh()
    {
        if (_closed) return;
        _display.Update(() =>
        {
            lock (_gate)
            {
                int total = _session.Options.Epochs * _session.IterationsPerEpoch;
                _status = string.Format(CultureInfo.InvariantCulture, "epoch {0} / {1}, iteration {2} / {3}, cost {4}, {5} iterations in {6:F1} s",
                    _session.Epoch, _session.Options.Epochs, _session.Iteration, total, Html.Num(_session.History.Costs[^1]),
                    _session.Iteration - _startIteration, _clock.Elapsed.TotalSeconds);
                _body = Body();
                return Output();
            }
        });
    }

    /// <summary>The cost curve of the whole session so far and the glance (read on the training thread).</summary>
    private string Body(bool withChart = true)
    {
        var h = _session.History;
        var copy = new TrainingHistory
        {
            EpochsRequested = h.EpochsRequested, IterationsPerEpoch = h.IterationsPerEpoch,
            Costs = [.. h.Costs], Epochs = [.. h.Epochs], InitialCost = h.InitialCost,
        };
        return Html.Block(copy.Costs.Count > 0 && withChart ? Chart.From(TrainingHistoryFormatter.Figure(copy)).ToHtml() : null, GlanceFormatter.Html(_session));
    }

    private HtmlOutput Output()
    {
        int total = _session.Options.Epochs * _session.IterationsPerEpoch;
        var progress = $"<progress max=\"{total}\" value=\"{Math.Min(total, _session.Iteration)}\" style=\"width:320px\"></progress> {Html.Encode(_status)}";
        return new HtmlOutput(Html.Block(Html.Heading(_title), $"<div>{progress}</div>", _body), $"{_title}: {_status}");
    }
}
