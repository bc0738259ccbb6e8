using Npgsql;

namespace NotebookDL.Cluster;

/// <summary>
/// NotebookDL's own tables beside Hangfire's: the data sets (stored once, by content hash, in chunks) and the
/// trials (their spec, who ran them, their result). Hangfire moves the jobs; these hold what the jobs are about.
/// </summary>
public static class ClusterSchema
{
    public const string Name = "notebookdl";

    /// <summary>The notification a finished trial sends, its payload the trial's id.</summary>
    public const string TrialChannel = "notebookdl_trials";

    private const string Create = $"""
        CREATE SCHEMA IF NOT EXISTS {Name};
        CREATE TABLE IF NOT EXISTS {Name}.datasets (
            hash text NOT NULL, part int NOT NULL, parts int NOT NULL, bytes bytea NOT NULL,
            PRIMARY KEY (hash, part));
        CREATE TABLE IF NOT EXISTS {Name}.trials (
            id uuid PRIMARY KEY, study text NOT NULL, spec text NOT NULL, job text,
            status text NOT NULL DEFAULT 'queued', worker text, result text,
            created timestamptz NOT NULL DEFAULT now(), finished timestamptz);
        CREATE INDEX IF NOT EXISTS trials_study ON {Name}.trials (study, created);
        ALTER TABLE {Name}.trials ADD COLUMN IF NOT EXISTS notebook text;
        ALTER TABLE {Name}.trials ADD COLUMN IF NOT EXISTS space text;
        ALTER TABLE {Name}.trials ADD COLUMN IF NOT EXISTS parameters text;
        """;

    /// <summary>
    /// Creates the tables when they are missing (concurrent callers are serialised by an advisory lock). When they
    /// are there, nothing is asked of the server: a worker's role may lack the right to create anything.
    /// </summary>
    public static void Ensure(NpgsqlConnection connection)
    {
        using (var check = new NpgsqlCommand($"SELECT to_regclass('{Name}.trials') IS NOT NULL AND EXISTS (SELECT 1 FROM information_schema.columns WHERE table_schema = '{Name}' AND table_name = 'trials' AND column_name = 'parameters')", connection))
            if (check.ExecuteScalar() is true) return;
        using var tx = connection.BeginTransaction();
        using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_xact_lock(7261020)", connection, tx)) lockCommand.ExecuteNonQuery();
        using (var create = new NpgsqlCommand(Create, connection, tx)) create.ExecuteNonQuery();
        tx.Commit();
    }

    /// <summary>
    /// What a worker's role needs and no more: read the data sets and the trials' specs, record a trial's report,
    /// and use Hangfire's tables (fetch jobs, heartbeats, retries). It cannot file trials, store data or change
    /// the schema. Run by <c>notebookdl-worker --setup --grant-worker ROLE</c> as the database's owner.
    /// </summary>
    public static string WorkerGrants(string role) => $"""
        GRANT USAGE ON SCHEMA {Name}, {ClusterConnection.HangfireSchema} TO {role};
        GRANT SELECT ON {Name}.datasets TO {role};
        GRANT SELECT, UPDATE ON {Name}.trials TO {role};
        GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {ClusterConnection.HangfireSchema} TO {role};
        GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA {ClusterConnection.HangfireSchema} TO {role};
        """;

    /// <summary>Creates NotebookDL's and Hangfire's tables (as the owner), so that workers of a restricted role can start.</summary>
    public static void Setup(ClusterConnection cluster, string? workerRole)
    {
        using var connection = cluster.Open();
        Ensure(connection);
        Hangfire.PostgreSql.PostgreSqlObjectsInstaller.Install(connection, ClusterConnection.HangfireSchema);
        if (workerRole is null) return;
        if (!System.Text.RegularExpressions.Regex.IsMatch(workerRole, "^[a-z_][a-z0-9_]{0,62}$"))
            throw new ArgumentException($"a role name is lower-case letters, digits and _, got '{workerRole}'");
        using var grant = new NpgsqlCommand(WorkerGrants(workerRole), connection);
        grant.ExecuteNonQuery();
    }
}
