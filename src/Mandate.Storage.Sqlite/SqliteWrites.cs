using System.Diagnostics;
using Mandate.Core.Storage;
using Microsoft.Data.Sqlite;

namespace Mandate.Storage.Sqlite;

/// <summary>What the SQLite stores share: commands, and writes in one IMMEDIATE transaction whose failure is a <see cref="StoreException"/>.</summary>
internal static class SqliteWrites
{
    /// <summary>How long a write keeps retrying a busy database before it fails (and the caller fails closed).</summary>
    public static readonly TimeSpan BusyDeadline = TimeSpan.FromSeconds(10);

    public static SqliteCommand Command(SqliteConnection connection, string sql, SqliteTransaction? tx)
    {
        var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.Transaction = tx;
        return cmd;
    }

    /// <summary>Runs <paramref name="work"/> in one transaction and commits it; anything SQLite refuses rolls it all back.</summary>
    public static T Write<T>(SqliteConnection connection, string store, Func<SqliteTransaction, T> work)
    {
        try
        {
            return InTransaction(connection, work);
        }
        catch (SqliteException e)
        {
            throw new StoreException($"The {store} could not be written: {Describe(e)}", e);
        }
    }

    /// <summary>
    /// Runs <paramref name="work"/> in an IMMEDIATE transaction and commits it. SQLite's busy handler
    /// already waits for another writer's lock, but a few busy states skip it (a WAL being recovered
    /// after a writer was killed, a snapshot that moved): the whole transaction, rolled back, is then
    /// tried again until <see cref="BusyDeadline"/>. Any other error is thrown at once.
    /// </summary>
    public static T InTransaction<T>(SqliteConnection connection, Func<SqliteTransaction, T> work)
    {
        var clock = Stopwatch.StartNew();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using var tx = connection.BeginTransaction(deferred: false);
                var result = work(tx);
                tx.Commit();
                return result;
            }
            catch (SqliteException e) when (IsBusy(e) && clock.Elapsed < BusyDeadline)
            {
                Thread.Sleep(Math.Min(attempt, 20) * System.Security.Cryptography.RandomNumberGenerator.GetInt32(1, 6));
            }
        }
    }

    /// <summary>The message with SQLite's extended code, which says which lock was busy.</summary>
    public static string Describe(SqliteException e) =>
        e.SqliteExtendedErrorCode == e.SqliteErrorCode ? e.Message : $"{e.Message} (extended code {e.SqliteExtendedErrorCode})";

    private static bool IsBusy(SqliteException e) => e.SqliteErrorCode is 5 or 6; // SQLITE_BUSY, SQLITE_LOCKED
}
