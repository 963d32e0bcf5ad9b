using Mandate.Core.Storage;

namespace Mandate.Storage.Sqlite.Tests;

public sealed class MigrationsTests : IDisposable
{
    private readonly TempDatabase _db = new();

    public void Dispose() => _db.Dispose();

    [Fact]
    public void Open_NewDatabase_AppliesEveryMigrationOnce_InOrder()
    {
        using (SqliteStore.Open(_db.Path))
        {
        }

        Assert.True(Migrations.Latest >= 1);
        Assert.Equal(Migrations.Latest, _db.Scalar("SELECT COUNT(*) FROM schema_migrations"));
        Assert.Equal(Migrations.Latest, _db.Scalar("SELECT MAX(version) FROM schema_migrations"));
        Assert.Equal(1, _db.Scalar("SELECT MIN(version) FROM schema_migrations"));
        Assert.Equal(1, _db.Scalar("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'agents'"));
        Assert.Equal(1, _db.Scalar("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'events'"));
    }

    [Fact]
    public void Open_Twice_IsIdempotent_AndKeepsTheData()
    {
        var agent = TestData.Agent();
        using (var store = SqliteStore.Open(_db.Path))
        {
            store.Agents.Add(agent, TestData.Event("agent.register", agent.Id.Value));
        }

        using (var store = SqliteStore.Open(_db.Path))
        {
            Assert.Equal(agent, store.Agents.Find(agent.Id));
        }

        Assert.Equal(Migrations.Latest, _db.Scalar("SELECT COUNT(*) FROM schema_migrations"));
        Assert.Equal(1, _db.Scalar("SELECT COUNT(*) FROM events"));
    }

    [Fact]
    public void Open_TwoStoresAtOnce_BothWork()
    {
        using var a = SqliteStore.Open(_db.Path);
        using var b = SqliteStore.Open(_db.Path);

        a.Events.Append(TestData.Event("x", "s"));
        b.Events.Append(TestData.Event("y", "s"));

        Assert.Equal(["x", "y"], a.Events.List(10).Select(e => e.Type));
        Assert.Equal(Migrations.Latest, _db.Scalar("SELECT COUNT(*) FROM schema_migrations"));
    }

    [Fact]
    public void Open_DatabaseNewerThanTheBinary_IsRefused()
    {
        using (SqliteStore.Open(_db.Path))
        {
        }

        _db.Execute($"INSERT INTO schema_migrations (version, applied_at) VALUES ({Migrations.Latest + 1}, '2099-01-01T00:00:00Z')");

        var e = Assert.Throws<StoreException>(() => SqliteStore.Open(_db.Path));
        Assert.Contains("newer than this mandate binary", e.Message, StringComparison.Ordinal);
        Assert.Contains("Upgrade mandate", e.Message, StringComparison.Ordinal);
        // The refusal leaves nothing applied and nothing rolled back.
        Assert.Equal(Migrations.Latest + 1, _db.Scalar("SELECT MAX(version) FROM schema_migrations"));
    }

    [Fact]
    public void Open_SetsPrivateFileMode()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        using (SqliteStore.Open(_db.Path))
        {
        }

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(_db.Path));
    }

    [Fact]
    public void Open_FolderThatDoesNotExist_IsAStoreException()
    {
        var path = Path.Combine(_db.Directory, "missing", "mandate.db");

        var e = Assert.Throws<StoreException>(() => SqliteStore.Open(path));
        Assert.Contains(path, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_UsesWalAndFullSync()
    {
        using (SqliteStore.Open(_db.Path))
        {
        }

        using var raw = _db.OpenRaw();
        using var cmd = raw.CreateCommand();
        cmd.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", cmd.ExecuteScalar() as string);
    }
}
