using Mandate.Storage.Sqlite.Sql;

namespace Mandate.Storage.Sqlite.Tests;

/// <summary>The store's own thin layer over SQLitePCLRaw (ADR 0009): values, errors, transactions and busy locks.</summary>
public sealed class SqlTests : IDisposable
{
    private readonly TempDatabase _file = new();
    private readonly Database _db;

    public SqlTests()
    {
        _db = Database.Open(_file.Path);
        _db.ExecuteScript("PRAGMA journal_mode = WAL; CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT UNIQUE, data BLOB, ratio REAL);");
    }

    [Fact]
    public void Values_RoundTrip_AsSqliteStoresThem()
    {
        var blob = new byte[] { 0, 1, 2, 255 };
        using (var insert = _db.Command("INSERT INTO t (id, name, data, ratio) VALUES ($id, $name, $data, $ratio)"))
        {
            Assert.Equal(1, insert.Bind("$id", 7L).Bind("$name", "Zoë 🔑").Bind("$data", blob).Bind("$ratio", 0.25).Execute());
            Assert.Equal(1, insert.Bind("$id", 8).Bind("$name", null).Bind("$data", DBNull.Value).Bind("$ratio", true).Execute());
        }

        using var select = _db.Command("SELECT id, name, data, ratio FROM t ORDER BY id");
        using var rows = select.Query();
        Assert.True(rows.Read());
        Assert.Equal(7L, rows.GetInt64(0));
        Assert.Equal("Zoë 🔑", rows.GetString(1));
        Assert.Equal(blob, rows.GetBytes(2));
        Assert.Equal(0.25, rows.GetValue(3));
        Assert.True(rows.Read());
        Assert.Equal(8, rows.GetInt32(0));
        Assert.True(rows.IsNull(1));
        Assert.Null(rows.GetValue(2));
        Assert.Equal(1.0, rows.GetValue(3)); // a bool is stored as 1, then read back as the column's REAL
        Assert.False(rows.Read());
    }

    [Fact]
    public void APreparedCommand_RunsAgainWithNewValues()
    {
        using var insert = _db.Command("INSERT INTO t (name) VALUES ($name)");
        foreach (var name in new[] { "a", "b", "c" })
        {
            insert.Bind("$name", name).Execute();
        }

        using var count = _db.Command("SELECT COUNT(*) FROM t WHERE name >= $from");
        Assert.Equal(3L, count.Bind("$from", "a").Scalar());
        Assert.Equal(1L, count.Bind("$from", "c").Scalar());
        Assert.Null(_db.Command("SELECT name FROM t WHERE name = 'none'").Scalar());
    }

    [Fact]
    public void AParameterWithoutAValue_IsRefused_NotBoundToNull()
    {
        using var insert = _db.Command("INSERT INTO t (name, data) VALUES ($name, $data)");
        insert.Bind("$name", "x");
        var e = Assert.Throws<InvalidOperationException>(() => insert.Execute());
        Assert.Contains("$data", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ACommand_RunsOneStatement()
    {
        using var two = _db.Command("INSERT INTO t (name) VALUES ('a'); DELETE FROM t;");
        Assert.Throws<InvalidOperationException>(() => two.Execute());
        Assert.Equal(0L, _db.Command("SELECT COUNT(*) FROM t").Scalar());
    }

    [Fact]
    public void AConstraintViolation_IsAnErrorWithItsCodes()
    {
        _db.ExecuteScript("INSERT INTO t (name) VALUES ('dup')");
        using var insert = _db.Command("INSERT INTO t (name) VALUES ($name)");
        var e = Assert.Throws<SqliteError>(() => insert.Bind("$name", "dup").Execute());
        Assert.Equal(19, e.Code); // SQLITE_CONSTRAINT
        Assert.Equal(2067, e.ExtendedCode); // SQLITE_CONSTRAINT_UNIQUE
        Assert.Contains("extended code 2067", e.Describe(), StringComparison.Ordinal);
        Assert.Contains("UNIQUE", e.Message, StringComparison.Ordinal);
        Assert.False(e.IsBusy);
    }

    [Fact]
    public void ATransaction_NotCommitted_RollsBack()
    {
        using (var tx = _db.Begin())
        {
            using var insert = tx.Command("INSERT INTO t (name) VALUES ('lost')");
            insert.Execute();
            Assert.False(_db.InAutocommit);
        }

        Assert.True(_db.InAutocommit);
        Assert.Equal(0L, _db.Command("SELECT COUNT(*) FROM t").Scalar());

        using (var tx = _db.Begin())
        {
            tx.Command("INSERT INTO t (name) VALUES ('kept')").Execute();
            tx.Commit();
        }

        Assert.Equal(1L, _file.Scalar("SELECT COUNT(*) FROM t"));
    }

    [Fact]
    public async Task ALockHeldByAnotherProcess_IsWaitedFor_ThenTheWriteGoesThrough()
    {
        // No busy_timeout on this connection: SQLite answers BUSY at once, and the command itself retries.
        using var other = _file.OpenRaw();
        using var hold = other.BeginTransaction(deferred: false);
        using (var write = other.CreateCommand())
        {
            write.Transaction = hold;
            write.CommandText = "INSERT INTO t (name) VALUES ('first')";
            write.ExecuteNonQuery();
        }

        var release = Task.Run(
            async () =>
            {
                await Task.Delay(300, TestContext.Current.CancellationToken);
                hold.Commit();
            },
            TestContext.Current.CancellationToken);
        using (var tx = _db.Begin())
        {
            tx.Command("INSERT INTO t (name) VALUES ('second')").Execute();
            tx.Commit();
        }

        await release;
        Assert.Equal(2L, _file.Scalar("SELECT COUNT(*) FROM t"));
    }

    public void Dispose()
    {
        _db.Dispose();
        _file.Dispose();
    }
}
