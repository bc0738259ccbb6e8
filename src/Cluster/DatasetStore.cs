using System.Collections.Concurrent;
using Npgsql;
using NotebookDL.Data;

namespace NotebookDL.Cluster;

/// <summary>
/// Data sets in PostgreSQL, each stored once under the SHA-256 of its <see cref="DatasetBlob"/> bytes, in chunks
/// (a bytea value holds at most 1 GB): the notebook puts its data, each worker fetches it once and keeps it.
/// </summary>
public static class DatasetStore
{
    private const int ChunkBytes = 32 << 20;

    private static readonly ConcurrentDictionary<string, Lazy<Dataset>> Fetched = new();

    /// <summary>Stores <paramref name="data"/> unless it is there already; returns its hash.</summary>
    public static string Put(NpgsqlConnection connection, Dataset data)
    {
        var bytes = DatasetBlob.Write(data);
        var hash = DatasetBlob.Hash(bytes);
        int count = Math.Max(1, (bytes.Length + ChunkBytes - 1) / ChunkBytes);
        using (var exists = new NpgsqlCommand($"SELECT count(*) FROM {ClusterSchema.Name}.datasets WHERE hash = @h", connection))
        {
            exists.Parameters.AddWithValue("h", hash);
            if (Convert.ToInt32(exists.ExecuteScalar()) == count) return hash;
        }
        using var tx = connection.BeginTransaction();
        for (int part = 0; part < count; part++)
        {
            using var insert = new NpgsqlCommand(
                $"INSERT INTO {ClusterSchema.Name}.datasets (hash, part, parts, bytes) VALUES (@h, @p, @n, @b) ON CONFLICT DO NOTHING", connection, tx);
            insert.Parameters.AddWithValue("h", hash);
            insert.Parameters.AddWithValue("p", part);
            insert.Parameters.AddWithValue("n", count);
            int start = part * ChunkBytes;
            insert.Parameters.AddWithValue("b", bytes.AsSpan(start, Math.Min(ChunkBytes, bytes.Length - start)).ToArray());
            insert.ExecuteNonQuery();
        }
        tx.Commit();
        return hash;
    }

    /// <summary>The data set stored under <paramref name="hash"/>, fetched once per process.</summary>
    /// <exception cref="InvalidDataException">It is not there, or its bytes do not match the hash.</exception>
    public static Dataset Get(ClusterConnection cluster, string hash)
    {
        var lazy = Fetched.GetOrAdd(hash, h => new Lazy<Dataset>(() => Fetch(cluster, h)));
        try
        {
            return lazy.Value;
        }
        catch
        {
            Fetched.TryRemove(hash, out _); // a failed fetch (the store was down) is tried again next time
            throw;
        }
    }

    private static Dataset Fetch(ClusterConnection cluster, string hash)
    {
        using var connection = cluster.Open();
        using var select = new NpgsqlCommand($"SELECT parts, bytes FROM {ClusterSchema.Name}.datasets WHERE hash = @h ORDER BY part", connection);
        select.Parameters.AddWithValue("h", hash);
        using var reader = select.ExecuteReader();
        var chunks = new List<byte[]>();
        int parts = 0;
        while (reader.Read())
        {
            parts = reader.GetInt32(0);
            chunks.Add((byte[])reader[1]);
        }
        if (chunks.Count == 0 || chunks.Count != parts) throw new InvalidDataException($"data set {hash[..12]} is not (wholly) in the cluster's store");
        var bytes = chunks.Count == 1 ? chunks[0] : chunks.SelectMany(c => c).ToArray();
        if (DatasetBlob.Hash(bytes) != hash) throw new InvalidDataException($"data set {hash[..12]} in the cluster's store does not match its hash");
        return DatasetBlob.Read(bytes);
    }
}
