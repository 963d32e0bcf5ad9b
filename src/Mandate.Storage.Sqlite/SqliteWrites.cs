using Mandate.Core.Storage;
using Microsoft.Data.Sqlite;

namespace Mandate.Storage.Sqlite;

/// <summary>What the SQLite stores share: commands, and writes in one IMMEDIATE transaction whose failure is a <see cref="StoreException"/>.</summary>
internal static class SqliteWrites
{
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
            using var tx = connection.BeginTransaction(deferred: false);
            var result = work(tx);
            tx.Commit();
            return result;
        }
        catch (SqliteException e)
        {
            throw new StoreException($"The {store} could not be written: {e.Message}", e);
        }
    }
}
