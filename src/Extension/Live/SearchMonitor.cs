using System.Diagnostics;
using System.Globalization;
using NotebookDL.Extension.Formatters;
using NotebookDL.Search;

namespace NotebookDL.Extension.Live;

/// <summary>
/// Keeps one output up to date while a search runs: progress, the best accuracy so far and the lecture's line
/// per finished trial ("val acc: 0.412000, lr: 1.405206e-04, reg: 4.793564e-01, (1 / 100)"), newest last, at most
/// a few updates a second. Trials finish on worker threads, so every call is thread-safe. The closing picture lists
/// every trial in index order, as the saved notebook keeps only it.
/// </summary>
public sealed class SearchMonitor(LiveDisplay display, string title, SearchSpace space, int total)
{
    private const int LiveLines = 15;
    private readonly object _gate = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly List<TrialResult> _done = [];
    private bool _closed;

    /// <summary>Subscribes to <paramref name="search"/>'s trials.</summary>
    public void Attach(HyperparameterSearch search) => search.TrialCompleted += (trial, _) => Add(trial);

    /// <summary>Records a finished trial and refreshes the output (throttled).</summary>
    public void Add(TrialResult trial)
    {
        lock (_gate)
        {
            if (_closed) return;
            _done.Add(trial);
            display.Update(() => Render(null));
        }
    }

    /// <summary>The last picture, with a closing line; later trials are ignored.</summary>
    public void Close(string closing)
    {
        lock (_gate)
        {
            if (_closed) return;
            _closed = true;
            display.Replace(Render(closing));
        }
    }

    private HtmlOutput Render(string? closing)
    {
        var c = CultureInfo.InvariantCulture;
        var ranked = _done.Where(t => t.Ranked).ToList();
        double elapsed = _clock.Elapsed.TotalSeconds;
        string best = ranked.Count == 0 ? "" : $", best val acc so far {ranked.Max(t => t.ValAccuracy).ToString("F4", c)}";
        string status = closing ?? (_done.Count == 0
            ? "starting…"
            : string.Format(c, "{0} / {1} trials{2}, {3:F1} s elapsed, about {4:F0} s to go", _done.Count, total, best, elapsed,
                elapsed / _done.Count * (total - _done.Count)));
        var lines = closing is null
            ? _done.TakeLast(LiveLines).Select(t => t.Line(space, total))
            : _done.OrderBy(t => t.Index).Select(t => t.Line(space, total));
        var html = Html.Block(
            Html.Heading(title),
            $"<div><progress max=\"{total}\" value=\"{_done.Count}\" style=\"width:320px\"></progress> {Html.Encode(status)}</div>",
            _done.Count == 0 ? null : $"<pre style=\"margin:2px 0;max-height:320px;overflow:auto\">{Html.Encode(string.Join("\n", lines))}</pre>");
        return new HtmlOutput(html, $"{title}: {status}\n{string.Join("\n", lines)}");
    }
}
