using Npgsql;

namespace NotebookDL.Cluster;

/// <summary>
/// Wakes a study's watcher when any trial of the cluster finishes (PostgreSQL's NOTIFY), reconnecting after the
/// server went away; the watcher re-reads the study each time, and at least every few seconds.
/// </summary>
public sealed class StudyWatch(ClusterConnection cluster) : IDisposable
{
    private NpgsqlConnection? _connection;

    /// <summary>True when a trial finished within <paramref name="timeout"/> (or the server could not be asked); false when nothing happened.</summary>
    public bool WaitForChange(TimeSpan timeout, CancellationToken ct)
    {
        try
        {
            if (_connection is null)
            {
                _connection = cluster.Open();
                using var listen = new NpgsqlCommand($"LISTEN {ClusterSchema.TrialChannel}", _connection);
                listen.ExecuteNonQuery();
            }
            return _connection.WaitAsync(timeout, ct).GetAwaiter().GetResult();
        }
        catch (Exception e) when (ClusterConnection.IsUnreachable(e))
        {
            _connection?.Dispose();
            _connection = null;
            ct.WaitHandle.WaitOne(TimeSpan.FromSeconds(1));
            return true;
        }
    }

    public void Dispose() => _connection?.Dispose();
}
