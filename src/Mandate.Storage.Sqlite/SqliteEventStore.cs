using Mandate.Core.Storage;
using Microsoft.Data.Sqlite;

namespace Mandate.Storage.Sqlite;

internal sealed class SqliteEventStore : IEventStore
{
    private readonly SqliteConnection _connection;

    public SqliteEventStore(SqliteConnection connection) => _connection = connection;

    public long Append(LifecycleEvent e)
    {
        try
        {
            using var tx = _connection.BeginTransaction(deferred: false);
            var seq = Append(_connection, tx, e);
            tx.Commit();
            return seq;
        }
        catch (SqliteException ex)
        {
            throw new StoreException($"The event '{e.Type}' could not be recorded: {ex.Message}", ex);
        }
    }

    /// <summary>Appends inside a caller's transaction, so a change and its record commit together.</summary>
    internal static long Append(SqliteConnection connection, SqliteTransaction tx, LifecycleEvent e)
    {
        using var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = """
            INSERT INTO events (seq, time, type, actor, subject, data)
            VALUES ((SELECT COALESCE(MAX(seq), 0) + 1 FROM events), $time, $type, $actor, $subject, $data)
            RETURNING seq
            """;
        cmd.Parameters.AddWithValue("$time", Time.Write(e.Time));
        cmd.Parameters.AddWithValue("$type", e.Type);
        cmd.Parameters.AddWithValue("$actor", e.Actor);
        cmd.Parameters.AddWithValue("$subject", e.Subject);
        cmd.Parameters.AddWithValue("$data", e.Data);
        return (long)cmd.ExecuteScalar()!;
    }

    public IReadOnlyList<LifecycleEvent> List(int limit)
    {
        using var cmd = _connection.CreateCommand();
        cmd.CommandText = "SELECT seq, time, type, actor, subject, data FROM events ORDER BY seq DESC LIMIT $limit";
        cmd.Parameters.AddWithValue("$limit", limit);
        using var reader = cmd.ExecuteReader();
        var list = new List<LifecycleEvent>();
        while (reader.Read())
        {
            list.Add(new LifecycleEvent
            {
                Seq = reader.GetInt64(0),
                Time = Time.Read(reader.GetString(1)),
                Type = reader.GetString(2),
                Actor = reader.GetString(3),
                Subject = reader.GetString(4),
                Data = reader.GetString(5),
            });
        }

        list.Reverse();
        return list;
    }
}
