namespace Mandate.Storage.Sqlite.Tests;

/// <summary>
/// The hook's pattern: a new process opens the store, appends one record and closes, thousands of times a day.
/// The WAL must stay short, or every hook pays to read it at open, and be written over in place, not grown.
/// </summary>
public sealed class WalLengthTests
{
    [Fact]
    public void OpenAppendClose_ManyTimes_KeepsTheWalBounded_AndWritesItOverInPlace()
    {
        using var db = new TempDatabase();
        long largest = 0;
        long previous = 0;
        var grew = 0;
        for (var i = 0; i < 400; i++)
        {
            using (var store = db.Open())
            {
                store.Audit.Append(TestData.Event("tool.pre", $"call {i}"));
            }

            var wal = new FileInfo(db.Path + "-wal");
            var length = wal.Exists ? wal.Length : 0;
            largest = Math.Max(largest, length);
            grew += i >= 100 && length > previous ? 1 : 0;
            previous = length;
        }

        // Each append adds a few pages; without the checkpoint at open the WAL reached 7 MB in 400 rounds.
        Assert.InRange(largest, 0, (SqliteStore.WalCheckpointFrames + 16) * 4120L);

        // Once the file is long enough it is written over from its beginning, not cut and grown again: growing the
        // file costs every commit's fsync a metadata update. (Truncating at close made it grow on most rounds.)
        Assert.InRange(grew, 0, 5);
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
