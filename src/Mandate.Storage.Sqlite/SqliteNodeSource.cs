using Mandate.Core.Audit;
using Mandate.Storage.Sqlite.Sql;

namespace Mandate.Storage.Sqlite;

/// <summary>Reads the stored complete-subtree hashes of the audit log's Merkle tree.</summary>
internal sealed class SqliteNodeSource : IStoredMerkleNodes
{
    private readonly Database _database;

    public SqliteNodeSource(Database database)
    {
        _database = database;
    }

    public byte[] GetNodeHash(int level, long index)
    {
        using var cmd = _database.Command("SELECT hash FROM audit_nodes WHERE level = $l AND idx = $i");
        cmd.Bind("$l", level);
        cmd.Bind("$i", index);
        return cmd.Scalar() as byte[] ?? throw Missing(level, index);
    }

    public static Core.Storage.StoreException Missing(int level, long index) =>
        new($"The audit log's Merkle node ({level}, {index}) is missing: the log is damaged; run 'mandate audit verify'.");

    public IEnumerable<StoredNode> ReadLevel(int level)
    {
        using var cmd = _database.Command("SELECT idx, hash FROM audit_nodes WHERE level = $l ORDER BY idx");
        cmd.Bind("$l", level);
        using var r = cmd.Query();
        while (r.Read())
        {
            // A hash edited into another type is still a (wrong) hash, never a crash of the verifier.
            yield return new StoredNode(level, r.GetInt64(0), r.GetValue(1) as byte[] ?? []);
        }
    }
}
