using System.Diagnostics;
using Mandate.Core.Storage;
using Mandate.Storage.Sqlite.Sql;

namespace Mandate.Storage.Sqlite;

/// <summary>What the SQLite stores share: writes in one IMMEDIATE transaction whose failure is a <see cref="StoreException"/>.</summary>
internal static class SqliteWrites
{
    /// <summary>How long a write keeps retrying a busy database before it fails (and the caller fails closed).</summary>
    public static readonly TimeSpan BusyDeadline = TimeSpan.FromSeconds(10);

    /// <summary>Runs <paramref name="work"/> in one transaction and commits it; anything SQLite refuses rolls it all back.</summary>
    public static T Write<T>(Database database, string store, Func<Transaction, T> work)
    {
        try
        {
            return InTransaction(database, work);
        }
        catch (SqliteError e)
        {
            throw new StoreException($"The {store} could not be written: {e.Describe()}", e);
        }
    }

    /// <summary>
    /// Runs <paramref name="work"/> in an IMMEDIATE transaction and commits it. SQLite's busy handler
    /// already waits for another writer's lock, but a few busy states skip it (a WAL being recovered
    /// after a writer was killed, a snapshot that moved): the whole transaction, rolled back, is then
    /// tried again until <see cref="BusyDeadline"/>. Any other error is thrown at once.
    /// </summary>
    public static T InTransaction<T>(Database database, Func<Transaction, T> work)
    {
        var clock = Stopwatch.StartNew();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using var tx = database.Begin();
                var result = work(tx);
                tx.Commit();
                return result;
            }
            catch (SqliteError e) when (e.IsBusy && clock.Elapsed < BusyDeadline)
            {
                Thread.Sleep(Math.Min(attempt, 20) * System.Security.Cryptography.RandomNumberGenerator.GetInt32(1, 6));
            }
        }
    }
}
