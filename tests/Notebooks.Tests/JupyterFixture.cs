namespace NotebookDL.Tests.Notebooks;

/// <summary>Packs NotebookDL once for the Jupyter tests and holds the isolated environment they run in.</summary>
public sealed class JupyterFixture : IDisposable
{
    private JupyterSession? _session;
    private Exception? _failure;

    /// <summary>The session, created on first use (so a skipped test costs nothing).</summary>
    public JupyterSession Session
    {
        get
        {
            if (_failure is not null) throw new InvalidOperationException("setting up Jupyter failed earlier", _failure);
            try
            {
                return _session ??= JupyterSession.Create();
            }
            catch (Exception e) when (e is not Xunit.SkipException)
            {
                _failure = e;
                throw;
            }
        }
    }

    public void Dispose() => _session?.Dispose();
}
