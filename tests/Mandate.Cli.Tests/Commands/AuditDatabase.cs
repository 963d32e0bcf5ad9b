using System.Security.Cryptography;
using Mandate.Core.Audit;
using Microsoft.Data.Sqlite;

namespace Mandate.Cli.Tests.Commands;

/// <summary>
/// What an attacker with write access to <c>$MANDATE_HOME/mandate.db</c> can do: a raw SQLite
/// connection, as the sqlite3 shell would give, editing the audit tables behind Mandate's back.
/// </summary>
internal sealed class AuditDatabase : IDisposable
{
    private readonly SqliteConnection _connection;

    public AuditDatabase(TempHome home)
    {
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(home.Home, "mandate.db"),
            Pooling = false,
        }.ToString());
        _connection.Open();
    }

    public byte[] Record(long seq) => (byte[])Scalar("SELECT record FROM audit_records WHERE seq = $a", seq)!;

    public byte[] LeafHash(long seq) => (byte[])Scalar("SELECT leaf_hash FROM audit_records WHERE seq = $a", seq)!;

    public long Count(string table) => (long)Scalar($"SELECT COUNT(*) FROM {table}")!;

    public void SetRecord(long seq, byte[] record) => Execute("UPDATE audit_records SET record = $b WHERE seq = $a", seq, record);

    public void SetLeafHash(long seq, byte[] hash) => Execute("UPDATE audit_records SET leaf_hash = $b WHERE seq = $a", seq, hash);

    public void SetNode(int level, long index, byte[] hash) =>
        Execute("UPDATE audit_nodes SET hash = $c WHERE level = $a AND idx = $b", level, index, hash);

    /// <summary>Inserts a well-formed row: canonical bytes with their correct leaf hash, as a careful forger would.</summary>
    public void InsertRecord(long seq, byte[] record) => Execute(
        """
        INSERT INTO audit_records (seq, record, leaf_hash, time, kind, event, actor)
        VALUES ($a, $b, $c, '2026-11-23T00:00:00.0000000Z', 'lifecycle', 'agent.register', 'os:root')
        """,
        seq,
        record,
        MerkleTree.HashLeaf(record));

    /// <summary>Rewrites every stored node from the stored leaf hashes, as an attacker covering their tracks would.</summary>
    public void RebuildNodes()
    {
        Execute("DELETE FROM audit_nodes");
        var leaves = new List<byte[]>();
        using (var cmd = _connection.CreateCommand())
        {
            cmd.CommandText = "SELECT leaf_hash FROM audit_records ORDER BY seq";
            using var r = cmd.ExecuteReader();
            while (r.Read())
            {
                leaves.Add((byte[])r.GetValue(0));
            }
        }

        var frontier = new MerkleFrontier();
        var nodes = new List<(int Level, long Index, byte[] Hash)>();
        foreach (var leaf in leaves)
        {
            frontier.Append(leaf, (l, i, h) => nodes.Add((l, i, h.ToArray())));
        }

        foreach (var (level, index, hash) in nodes)
        {
            Execute("INSERT INTO audit_nodes (level, idx, hash) VALUES ($a, $b, $c)", level, index, hash);
        }
    }

    public static byte[] RandomHash() => RandomNumberGenerator.GetBytes(MerkleTree.HashSize);

    public void Execute(string sql, params object[] args)
    {
        using var cmd = Command(sql, args);
        cmd.ExecuteNonQuery();
    }

    public object? Scalar(string sql, params object[] args)
    {
        using var cmd = Command(sql, args);
        return cmd.ExecuteScalar();
    }

    private SqliteCommand Command(string sql, object[] args)
    {
        var cmd = _connection.CreateCommand();
        cmd.CommandText = sql;
        for (var i = 0; i < args.Length; i++)
        {
            cmd.Parameters.AddWithValue("$" + (char)('a' + i), args[i]);
        }

        return cmd;
    }

    public void Dispose() => _connection.Dispose();
}
