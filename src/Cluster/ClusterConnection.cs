using Hangfire.PostgreSql;
using Npgsql;

namespace NotebookDL.Cluster;

/// <summary>
/// Where a cluster lives: a PostgreSQL connection string (or <c>env</c>, read from <see cref="EnvironmentVariable"/>),
/// the Hangfire storage over it, and the same string with its password hidden, the only form ever shown.
/// </summary>
public sealed class ClusterConnection
{
    /// <summary>The variable <c>--cluster env</c> reads.</summary>
    public const string EnvironmentVariable = "NOTEBOOKDL_CLUSTER";

    /// <summary>The Hangfire queue every trial goes to.</summary>
    public const string Queue = "notebookdl";

    /// <summary>The schema Hangfire's own tables live in (ours are in <see cref="ClusterSchema.Name"/>).</summary>
    public const string HangfireSchema = "notebookdl_hangfire";

    private ClusterConnection(string connectionString, string shown)
    {
        ConnectionString = connectionString;
        Shown = shown;
        _storage = new(() => NewStorage(null));
    }

    /// <summary>
    /// The storage with the default hand-over, made once: Hangfire's storage is meant to be shared, and making one
    /// checks the schema again (a worker count polled every few seconds needs no such check).
    /// </summary>
    private readonly Lazy<PostgreSqlStorage> _storage;

    /// <summary>The connection string, password included: never shown, logged or stored in an output.</summary>
    internal string ConnectionString { get; }

    /// <summary>The connection string without its password: "Host=lab;Port=5432;Username=notebookdl;Database=notebookdl".</summary>
    public string Shown { get; }

    public override string ToString() => Shown;

    /// <summary>
    /// The cluster named by <paramref name="text"/>: a connection string, or "env" for <see cref="EnvironmentVariable"/>.
    /// </summary>
    /// <exception cref="ArgumentException">Empty, unset, or not a connection string (the message never repeats a password).</exception>
    public static ClusterConnection Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) throw new ArgumentException("a cluster is a PostgreSQL connection string (Host=...;Username=...;Password=...;Database=...) or env");
        if (text.Trim().Equals("env", StringComparison.OrdinalIgnoreCase))
        {
            text = Environment.GetEnvironmentVariable(EnvironmentVariable);
            if (string.IsNullOrWhiteSpace(text)) throw new ArgumentException($"--cluster env reads {EnvironmentVariable}, which is not set");
        }
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(text);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or KeyNotFoundException)
        {
            throw new ArgumentException("the cluster's connection string cannot be read: write it as Host=...;Port=...;Username=...;Password=...;Database=...");
        }
        if (string.IsNullOrEmpty(builder.Host)) throw new ArgumentException("the cluster's connection string names no Host");
        var shown = new NpgsqlConnectionStringBuilder(builder.ConnectionString) { Password = null }.ConnectionString;
        return new ClusterConnection(builder.ConnectionString, shown);
    }

    /// <summary>Hides the password of any connection string inside <paramref name="text"/> (for error messages that quote one).</summary>
    public string Redact(string text) =>
        new NpgsqlConnectionStringBuilder(ConnectionString).Password is { Length: > 0 } password ? text.Replace(password, "***", StringComparison.Ordinal) : text;

    /// <summary>An open connection.</summary>
    public NpgsqlConnection Open()
    {
        var connection = new NpgsqlConnection(ConnectionString);
        connection.Open();
        return connection;
    }

    /// <summary>How long the trial of a worker that died (no keep-alive) waits before another worker takes it.</summary>
    public static readonly TimeSpan DefaultInvisibility = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Hangfire's storage: queues woken by PostgreSQL's LISTEN/NOTIFY, and a job whose worker stops sending
    /// heartbeats (killed) becomes visible to the other workers again after <paramref name="invisibility"/>.
    /// </summary>
    public PostgreSqlStorage Storage(TimeSpan? invisibility = null) =>
        invisibility is null ? _storage.Value : NewStorage(invisibility);

    private PostgreSqlStorage NewStorage(TimeSpan? invisibility)
    {
        var options = Options(invisibility);
        return new PostgreSqlStorage(new Hangfire.PostgreSql.Factories.NpgsqlConnectionFactory(ConnectionString, options), options);
    }


    /// <summary>
    /// True when <paramref name="e"/> says the cluster's PostgreSQL could not be reached or went away (a restart,
    /// a network outage), as opposed to a mistake in what was asked of it.
    /// </summary>
    public static bool IsUnreachable(Exception e) =>
        e is NpgsqlException or System.Net.Sockets.SocketException or TimeoutException or IOException ||
        e is Hangfire.BackgroundJobClientException && e.InnerException is { } inner && IsUnreachable(inner);

    private static PostgreSqlStorageOptions Options(TimeSpan? invisibility) => new()
    {
        SchemaName = HangfireSchema,
        PrepareSchemaIfNecessary = true,
        EnableLongPolling = true,
        QueuePollInterval = TimeSpan.FromSeconds(1),
        UseSlidingInvisibilityTimeout = true,
        InvisibilityTimeout = invisibility ?? DefaultInvisibility,
        DistributedLockTimeout = TimeSpan.FromSeconds(30),
    };
}
