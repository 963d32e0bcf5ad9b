using System.Diagnostics;
using Mandate.Core.Storage;

namespace Mandate.Storage.Sqlite.Tests;

/// <summary>
/// Issue 3, durability: a record is acknowledged only once durable (WAL, <c>synchronous=FULL</c>, read
/// back from the store's own connection); a failed append reaches the caller as a
/// <see cref="StoreException"/> with nothing partial stored (fail closed); a busy database is waited
/// for, within a bound.
/// </summary>
public sealed class AuditDurabilityTests : IDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    private readonly TempDatabase _db = new();
    private readonly SqliteStore _store;

    public AuditDurabilityTests() => _store = _db.Open();

    private SqliteAuditLog Log => (SqliteAuditLog)_store.Audit;

    public void Dispose()
    {
        _store.Dispose();
        _db.Dispose();
    }

    [Fact]
    public void Store_ConnectionRunsWalWithSynchronousFull()
    {
        Assert.Equal("wal", Log.Pragma("journal_mode"));
        Assert.Equal("2", Log.Pragma("synchronous")); // 2 = FULL: the WAL is fsynced at every commit
        Assert.Equal(((int)SqliteStore.BusyTimeout.TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture), Log.Pragma("busy_timeout"));
    }

    [Fact]
    public void Append_AbortedByTheDatabase_IsAStoreExceptionAndStoresNothing()
    {
        _store.Audit.Append(TestData.Event("first", "s"));
        var nodes = _db.Scalar("SELECT COUNT(*) FROM audit_nodes");
        // The second record's row and leaf go in, then its level-1 node is refused: all must roll back.
        _db.Execute("CREATE TRIGGER refuse BEFORE INSERT ON audit_nodes WHEN NEW.level = 1 BEGIN SELECT RAISE(ABORT, 'disk says no'); END");

        var e = Assert.Throws<StoreException>(() => _store.Audit.Append(TestData.Event("second", "s")));

        Assert.Contains("disk says no", e.Message, StringComparison.Ordinal);
        Assert.Equal(1, _db.Scalar("SELECT COUNT(*) FROM audit_records"));
        Assert.Equal(nodes, _db.Scalar("SELECT COUNT(*) FROM audit_nodes"));
        _db.Execute("DROP TRIGGER refuse");
        Assert.Equal(2, _store.Audit.Append(TestData.Event("third", "s")));
        Assert.True(new Core.Audit.AuditVerifier(_store.Audit).Verify().Intact);
    }

    [Fact]
    public void AppendBatch_FailingMidway_IsAStoreExceptionAndStoresNoneOfIt()
    {
        _db.Execute("CREATE TRIGGER refuse BEFORE INSERT ON audit_records WHEN NEW.seq = 5 BEGIN SELECT RAISE(ABORT, 'refused'); END");

        Assert.Throws<StoreException>(() => _store.Audit.AppendBatch([.. Enumerable.Range(0, 10).Select(i => TestData.Event("e" + i, "s"))]));

        Assert.Equal(0, _db.Scalar("SELECT COUNT(*) FROM audit_records"));
        Assert.Equal(0, _db.Scalar("SELECT COUNT(*) FROM audit_nodes"));
        Assert.Equal(0, _db.Scalar("SELECT COUNT(*) FROM audit_checkpoints"));
    }

    [Fact]
    public void Append_OnADatabaseThatRefusesWrites_IsAStoreException()
    {
        _store.Audit.Append(TestData.Event("before", "s"));
        Log.Pragma("query_only = 1"); // the connection can no longer write: SQLITE_READONLY

        var e = Assert.Throws<StoreException>(() => _store.Audit.Append(TestData.Event("e", "s")));

        Assert.Contains("could not record", e.Message, StringComparison.Ordinal);
        Assert.Equal(1, _db.Scalar("SELECT COUNT(*) FROM audit_records"));
    }

    [Fact]
    public void CreateCheckpoint_AbortedByTheDatabase_IsAStoreException()
    {
        _store.Audit.Append(TestData.Event("e", "s"));
        _db.Execute("CREATE TRIGGER refuse BEFORE INSERT ON audit_checkpoints BEGIN SELECT RAISE(ABORT, 'refused'); END");

        Assert.Throws<StoreException>(() => _store.Audit.CreateCheckpoint());
        Assert.Equal(0, _db.Scalar("SELECT COUNT(*) FROM audit_checkpoints"));
    }

    [Fact]
    public async Task Append_WhileAnotherWriterHoldsTheLock_WaitsForIt()
    {
        using var other = _db.OpenRaw();
        using var tx = other.BeginTransaction(deferred: false);
        var append = Task.Run(() => _store.Audit.Append(TestData.Event("waits", "s")), TestContext.Current.CancellationToken);

        // Give the append time to reach the lock; it must still be waiting, not failed.
        await Task.Delay(TimeSpan.FromMilliseconds(300), TestContext.Current.CancellationToken);
        var waited = !append.IsCompleted;
        tx.Commit();
        var seq = await append.WaitAsync(Limit, TestContext.Current.CancellationToken);

        Assert.True(waited, "the append finished while another connection held the write lock");
        Assert.Equal(1, seq);
    }

    [Fact]
    public void Append_WhenTheLockIsHeldBeyondTheBusyTimeout_FailsWithAStoreException()
    {
        using var other = _db.OpenRaw();
        using var tx = other.BeginTransaction(deferred: false);
        var clock = Stopwatch.StartNew();

        var e = Assert.Throws<StoreException>(() => _store.Audit.Append(TestData.Event("gives up", "s")));

        Assert.True(clock.Elapsed < Limit, $"the append waited {clock.Elapsed}, beyond any bound");
        Assert.Contains("locked", e.Message, StringComparison.OrdinalIgnoreCase);
        tx.Rollback();
        Assert.Equal(0, _db.Scalar("SELECT COUNT(*) FROM audit_records"));
    }
}
