namespace Mandate.Storage.Sqlite.Tests;

/// <summary>
/// The hook's pattern: a new process opens the store, appends one record and closes, thousands of times a day.
/// The WAL must stay small, or every hook pays to read it at open.
/// </summary>
public sealed class WalTrimTests
{
    [Fact]
    public void OpenAppendClose_ManyTimes_KeepsTheWalBounded()
    {
        using var db = new TempDatabase();
        long largest = 0;
        for (var i = 0; i < 400; i++)
        {
            using (var store = db.Open())
            {
                store.Audit.Append(TestData.Event("tool.pre", $"call {i}"));
            }

            var wal = new FileInfo(db.Path + "-wal");
            largest = Math.Max(largest, wal.Exists ? wal.Length : 0);
        }

        // Each append adds a few pages; without the trim the WAL reached 7 MB in 400 rounds and never shrank.
        Assert.InRange(largest, 0, SqliteStore.WalTrimBytes + (64 * 4096));
        Assert.Equal(400, db.Scalar("SELECT COUNT(*) FROM audit_records"));
    }

    [Fact]
    public void Close_WhileAnotherConnectionReads_LeavesTheWal_AndLosesNothing()
    {
        using var db = new TempDatabase();
        using (var store = db.Open())
        {
            for (var i = 0; i < 200; i++)
            {
                store.Audit.Append(TestData.Event("tool.pre", $"call {i}"));
            }
        }

        using var reader = db.OpenRaw();
        using var tx = reader.BeginTransaction(deferred: true);
        using (var read = reader.CreateCommand())
        {
            read.Transaction = tx;
            read.CommandText = "SELECT COUNT(*) FROM audit_records";
            Assert.Equal(200L, read.ExecuteScalar());
        }

        using (var store = db.Open())
        {
            store.Audit.Append(TestData.Event("tool.pre", "while read"));
        }

        tx.Commit();
        Assert.Equal(201, db.Scalar("SELECT COUNT(*) FROM audit_records"));
    }
}
