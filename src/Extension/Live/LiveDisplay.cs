using System.Diagnostics;
using Microsoft.DotNet.Interactive.Formatting;
using NotebookDL.Extension.Formatters;

namespace NotebookDL.Extension.Live;

/// <summary>
/// One output replaced in place while work runs (<c>update_display_data</c> in Jupyter), throttled to a few
/// updates a second so a fast loop does not flood the front end. The last update must stand on its own: a
/// saved notebook keeps only it.
/// </summary>
public sealed class LiveDisplay(DisplayedValue display, TimeSpan? interval = null)
{
    private readonly Stopwatch _sinceUpdate = Stopwatch.StartNew();
    private readonly TimeSpan _interval = interval ?? TimeSpan.FromMilliseconds(300);

    /// <summary>Replaces the output if the last update is older than the throttle interval; returns whether it did.</summary>
    public bool Update(Func<HtmlOutput> render)
    {
        if (_sinceUpdate.Elapsed < _interval) return false;
        Replace(render());
        return true;
    }

    /// <summary>Replaces the output now (the final state).</summary>
    public void Replace(HtmlOutput output)
    {
        display.Update(output);
        _sinceUpdate.Restart();
    }
}
