using NotebookDL.Extension.Commands;

namespace NotebookDL.Extension.Session;

/// <summary>
/// The notebook's most recent <c>#!search</c>, which <c>#!search --refine</c> zooms into: its result, the reader that
/// maps configurations onto <c>#!train</c> settings, and the data it ran on (so a refinement searches the same data).
/// </summary>
public static class LastSearch
{
    private static readonly object Gate = new();
    private static (SearchRun Run, SearchSpaceReader Reader, CurrentData Data)? _last;

    /// <summary>The last search, or null when none has run in this kernel.</summary>
    public static (SearchRun Run, SearchSpaceReader Reader, CurrentData Data)? Get()
    {
        lock (Gate) return _last;
    }

    public static void Set(SearchRun run, SearchSpaceReader reader, CurrentData data)
    {
        lock (Gate) _last = (run, reader, data);
    }

    /// <summary>Forgets it (tests).</summary>
    public static void Reset()
    {
        lock (Gate) _last = null;
    }
}
