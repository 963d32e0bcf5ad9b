using System.Text;
using Mandate.Core.Audit;
using Microsoft.Data.Sqlite;

namespace Mandate.Storage.Sqlite;

internal sealed partial class SqliteAuditLog
{
    public StoredRecord? Get(long seq)
    {
        using var cmd = Command("SELECT seq, record, leaf_hash FROM audit_records WHERE seq = $seq", null);
        cmd.Parameters.AddWithValue("$seq", seq);
        return ReadRecords(cmd).FirstOrDefault();
    }

    public IReadOnlyList<StoredRecord> Query(AuditQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var sql = new StringBuilder("SELECT seq, record, leaf_hash FROM audit_records WHERE 1 = 1");
        using var cmd = Command("", null);
        Filter(cmd, sql, "actor", query.Agent);
        Filter(cmd, sql, "human", query.Human);
        Filter(cmd, sql, "task", query.Task);
        Filter(cmd, sql, "decision", query.Decision);
        Filter(cmd, sql, "kind", query.Kind);
        if (query.Since is { } since)
        {
            sql.Append(" AND time >= $since");
            cmd.Parameters.AddWithValue("$since", Time.Write(since));
        }

        if (query.Until is { } until)
        {
            sql.Append(" AND time < $until");
            cmd.Parameters.AddWithValue("$until", Time.Write(until));
        }

        if (query.AfterSeq is { } after)
        {
            sql.Append(" AND seq > $after");
            cmd.Parameters.AddWithValue("$after", after);
        }

        // The newest records matching, shown oldest first.
        sql.Append(" ORDER BY seq DESC LIMIT $limit");
        cmd.Parameters.AddWithValue("$limit", query.Limit);
        cmd.CommandText = $"SELECT * FROM ({sql}) ORDER BY seq";
        return ReadRecords(cmd).ToList();
    }

    public IEnumerable<StoredRecord> ReadFrom(long fromSeq)
    {
        using var cmd = Command("SELECT seq, record, leaf_hash FROM audit_records WHERE seq >= $from ORDER BY seq", null);
        cmd.Parameters.AddWithValue("$from", fromSeq);
        foreach (var record in ReadRecords(cmd))
        {
            yield return record;
        }
    }

    public IReadOnlyList<StoredCheckpoint> Checkpoints()
    {
        using var cmd = Command("SELECT tree_size, note, created_at FROM audit_checkpoints ORDER BY tree_size", null);
        using var r = cmd.ExecuteReader();
        var list = new List<StoredCheckpoint>();
        while (r.Read())
        {
            list.Add(new StoredCheckpoint(r.GetInt64(0), r.GetString(1), Time.Read(r.GetString(2))));
        }

        return list;
    }

    private static void Filter(SqliteCommand cmd, StringBuilder sql, string column, string? value)
    {
        if (value is null)
        {
            return;
        }

        sql.Append(" AND ").Append(column).Append(" = $").Append(column);
        cmd.Parameters.AddWithValue("$" + column, value);
    }

    // A value edited into another type (text in place of a blob) is still data to verify, never a crash.
    private static byte[] Bytes(object value) => value switch
    {
        byte[] bytes => bytes,
        string text => Encoding.UTF8.GetBytes(text),
        _ => [],
    };

    private static IEnumerable<StoredRecord> ReadRecords(SqliteCommand cmd)
    {
        using var r = cmd.ExecuteReader();
        while (r.Read())
        {
            yield return new StoredRecord(r.GetInt64(0), Bytes(r.GetValue(1)), Bytes(r.GetValue(2)));
        }
    }
}
