using Mandate.Core.Audit;
using Mandate.Core.Storage;

namespace Mandate.Storage.Sqlite.Tests;

public sealed class MigrationsTests : IDisposable
{
    private readonly TempDatabase _db = new();

    public void Dispose() => _db.Dispose();

    [Fact]
    public void Open_NewDatabase_AppliesEveryMigrationOnce_InOrder()
    {
        using (_db.Open())
        {
        }

        Assert.True(Migrations.Latest >= 1);
        Assert.Equal(Migrations.Latest, _db.Scalar("SELECT COUNT(*) FROM schema_migrations"));
        Assert.Equal(Migrations.Latest, _db.Scalar("SELECT MAX(version) FROM schema_migrations"));
        Assert.Equal(1, _db.Scalar("SELECT MIN(version) FROM schema_migrations"));
        Assert.Equal(1, _db.Scalar("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'agents'"));
        Assert.Equal(1, _db.Scalar("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'audit_records'"));
    }

    [Fact]
    public void Open_Twice_IsIdempotent_AndKeepsTheData()
    {
        var agent = TestData.Agent();
        using (var store = _db.Open())
        {
            store.Agents.Add(agent, TestData.Event("agent.register", agent.Id.Value));
        }

        using (var store = _db.Open())
        {
            Assert.Equal(agent, store.Agents.Find(agent.Id));
        }

        Assert.Equal(Migrations.Latest, _db.Scalar("SELECT COUNT(*) FROM schema_migrations"));
        Assert.Equal(1, _db.Scalar("SELECT COUNT(*) FROM audit_records"));
    }

    [Fact]
    public void Open_TwoStoresAtOnce_BothWork()
    {
        using var a = _db.Open();
        using var b = _db.Open();

        a.Audit.Append(TestData.Event("x", "s"));
        b.Audit.Append(TestData.Event("y", "s"));

        Assert.Equal(["x", "y"], a.RecentEvents(10).Select(e => e.Type));
        Assert.Equal(Migrations.Latest, _db.Scalar("SELECT COUNT(*) FROM schema_migrations"));
    }

    [Fact]
    public void Open_DatabaseAtVersion3_DropsTheAuditFilterIndexes_AndKeepsTheLog()
    {
        using (var store = _db.Open())
        {
            store.Audit.Append(TestData.Event("x", "s"));
        }

        // A home written by a binary that knew three migrations (binaries before migration 4 left user_version at 0).
        _db.Execute("""
            PRAGMA user_version = 0;
            DELETE FROM schema_migrations WHERE version > 3;
            CREATE INDEX audit_records_actor ON audit_records (actor);
            CREATE INDEX audit_records_human ON audit_records (human);
            CREATE INDEX audit_records_task ON audit_records (task);
            """);

        using (var store = _db.Open())
        {
            Assert.Equal(2, store.Audit.Append(TestData.Event("y", "s")));
            Assert.True(new AuditVerifier(store.Audit).Verify().Intact);
        }

        Assert.Equal(Migrations.Latest, _db.Scalar("SELECT MAX(version) FROM schema_migrations"));
        Assert.Equal(Migrations.Latest, _db.Scalar("PRAGMA user_version")); // stamped: the next open takes the fast path
        Assert.Equal(0, _db.Scalar("SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND name IN ('audit_records_actor', 'audit_records_human', 'audit_records_task')"));
        Assert.Equal(1, _db.Scalar("SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND name = 'audit_records_time'"));
    }

    [Fact]
    public void Open_DatabaseNewerThanTheBinary_IsRefused()
    {
        using (_db.Open())
        {
        }

        // What a newer binary leaves: one more migration, and its own version stamped in the header.
        _db.Execute($"INSERT INTO schema_migrations (version, applied_at) VALUES ({Migrations.Latest + 1}, '2099-01-01T00:00:00Z'); PRAGMA user_version = {Migrations.Latest + 1};");

        var e = Assert.Throws<StoreException>(() => _db.Open());
        Assert.Contains("newer than this mandate binary", e.Message, StringComparison.Ordinal);
        Assert.Contains("Upgrade mandate", e.Message, StringComparison.Ordinal);
        // The refusal leaves nothing applied and nothing rolled back.
        Assert.Equal(Migrations.Latest + 1, _db.Scalar("SELECT MAX(version) FROM schema_migrations"));
    }

    [Fact]
    public void Open_SetsPrivateFileMode_OnTheDatabaseAndItsWalAndShm()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        using (var store = _db.Open())
        {
            store.Audit.Append(TestData.Event("agent.register", "agt_1"));
            foreach (var file in new[] { _db.Path, _db.Path + "-wal", _db.Path + "-shm" })
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
            }
        }
    }

    [Fact]
    public void Open_MakesPrivate_ADatabaseLeftReadableByOthers()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        using (var store = _db.Open())
        {
            store.Audit.Append(TestData.Event("agent.register", "agt_1"));
        }

        var readable = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
        var files = new[] { _db.Path, _db.Path + "-wal", _db.Path + "-shm" }.Where(File.Exists).ToList();
        Assert.Contains(_db.Path + "-wal", files);
        foreach (var file in files)
        {
            File.SetUnixFileMode(file, readable);
        }

        using (_db.Open())
        {
        }

        foreach (var file in files)
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        }
    }

    [Fact]
    public void Open_FolderThatDoesNotExist_IsAStoreException()
    {
        var path = Path.Combine(_db.Directory, "missing", "mandate.db");

        var e = Assert.Throws<StoreException>(() => SqliteStore.Open(path, AuditKeys.Ephemeral("acme.dev")));
        Assert.Contains(path, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_UsesTheWalJournal()
    {
        using (_db.Open())
        {
        }

        using var raw = _db.OpenRaw();
        using var cmd = raw.CreateCommand();
        cmd.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", cmd.ExecuteScalar() as string);
    }
}
