using System.Text;
using Mandate.Core.Audit;
using Mandate.Storage.Sqlite.Sql;

namespace Mandate.Storage.Sqlite;

internal sealed partial class SqliteAuditLog
{
    public StoredRecord? Get(long seq)
    {
        using var cmd = _database.Command("SELECT seq, record, leaf_hash FROM audit_records WHERE seq = $seq");
        cmd.Bind("$seq", seq);
        return ReadRecords(cmd).FirstOrDefault();
    }

    public IReadOnlyList<StoredRecord> Query(AuditQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var sql = new StringBuilder("SELECT seq, record, leaf_hash FROM audit_records WHERE 1 = 1");
        using var cmd = _database.Command("");
        Filter(cmd, sql, "actor", query.Agent);
        Filter(cmd, sql, "human", query.Human);
        Filter(cmd, sql, "task", query.Task);
        Filter(cmd, sql, "decision", query.Decision);
        Filter(cmd, sql, "kind", query.Kind);
        if (query.Since is { } since)
        {
            sql.Append(" AND time >= $since");
            cmd.Bind("$since", Time.Write(since));
        }

        if (query.Until is { } until)
        {
            sql.Append(" AND time < $until");
            cmd.Bind("$until", Time.Write(until));
        }

        if (query.AfterSeq is { } after)
        {
            sql.Append(" AND seq > $after");
            cmd.Bind("$after", after);
        }

        // The newest records matching, shown oldest first.
        sql.Append(" ORDER BY seq DESC LIMIT $limit");
        cmd.Bind("$limit", query.Limit);
        cmd.Text = $"SELECT * FROM ({sql}) ORDER BY seq";
        return ReadRecords(cmd).ToList();
    }

    public IEnumerable<StoredRecord> ReadFrom(long fromSeq)
    {
        using var cmd = _database.Command("SELECT seq, record, leaf_hash FROM audit_records WHERE seq >= $from ORDER BY seq");
        cmd.Bind("$from", fromSeq);
        foreach (var record in ReadRecords(cmd))
        {
            yield return record;
        }
    }

    public IReadOnlyList<StoredCheckpoint> Checkpoints()
    {
        using var cmd = _database.Command("SELECT tree_size, note, created_at FROM audit_checkpoints ORDER BY tree_size");
        using var r = cmd.Query();
        var list = new List<StoredCheckpoint>();
        while (r.Read())
        {
            list.Add(new StoredCheckpoint(r.GetInt64(0), r.GetString(1), Time.Read(r.GetString(2))));
        }

        return list;
    }

    private static void Filter(Command cmd, StringBuilder sql, string column, string? value)
    {
        if (value is null)
        {
            return;
        }

        sql.Append(" AND ").Append(column).Append(" = $").Append(column);
        cmd.Bind("$" + column, value);
    }

    // A value edited into another type (text in place of a blob) is still data to verify, never a crash.
    private static byte[] Bytes(object? value) => value switch
    {
        byte[] bytes => bytes,
        string text => Encoding.UTF8.GetBytes(text),
        _ => [],
    };

    private static IEnumerable<StoredRecord> ReadRecords(Command cmd)
    {
        using var r = cmd.Query();
        while (r.Read())
        {
            yield return new StoredRecord(r.GetInt64(0), Bytes(r.GetValue(1)), Bytes(r.GetValue(2)));
        }
    }
}
