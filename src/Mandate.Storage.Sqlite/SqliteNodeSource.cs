using Mandate.Core.Audit;
using Microsoft.Data.Sqlite;

namespace Mandate.Storage.Sqlite;

/// <summary>Reads the stored complete-subtree hashes of the audit log's Merkle tree.</summary>
internal sealed class SqliteNodeSource : IStoredMerkleNodes
{
    private readonly SqliteConnection _connection;
    private readonly SqliteTransaction? _tx;

    public SqliteNodeSource(SqliteConnection connection, SqliteTransaction? tx = null)
    {
        _connection = connection;
        _tx = tx;
    }

    public byte[] GetNodeHash(int level, long index)
    {
        using var cmd = _connection.CreateCommand();
        cmd.Transaction = _tx;
        cmd.CommandText = "SELECT hash FROM audit_nodes WHERE level = $l AND idx = $i";
        cmd.Parameters.AddWithValue("$l", level);
        cmd.Parameters.AddWithValue("$i", index);
        return cmd.ExecuteScalar() as byte[] ?? throw Missing(level, index);
    }

    public static Core.Storage.StoreException Missing(int level, long index) =>
        new($"The audit log's Merkle node ({level}, {index}) is missing: the log is damaged; run 'mandate audit verify'.");

    public IEnumerable<StoredNode> ReadLevel(int level)
    {
        using var cmd = _connection.CreateCommand();
        cmd.Transaction = _tx;
        cmd.CommandText = "SELECT idx, hash FROM audit_nodes WHERE level = $l ORDER BY idx";
        cmd.Parameters.AddWithValue("$l", level);
        using var r = cmd.ExecuteReader();
        while (r.Read())
        {
            // A hash edited into another type is still a (wrong) hash, never a crash of the verifier.
            yield return new StoredNode(level, r.GetInt64(0), r.GetValue(1) as byte[] ?? []);
        }
    }
}
