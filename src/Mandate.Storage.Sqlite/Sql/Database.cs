using SQLitePCL;

namespace Mandate.Storage.Sqlite.Sql;

/// <summary>
/// One connection to a SQLite file, through SQLitePCLRaw's own API. The store used Microsoft.Data.Sqlite, whose
/// ADO.NET layer costs a fresh hook process about half a millisecond before the first statement (provider
/// discovery by reflection, a connection-pool timer thread, connection-string parsing) on every tool call; the
/// store needs only prepared statements, parameters, rows and transactions (ADR 0009).
/// </summary>
internal sealed class Database : IDisposable
{
    private static readonly Lock InitLock = new();
    private static bool _initialised;

    private Database(sqlite3 handle)
    {
        Handle = handle;
    }

    public sqlite3 Handle { get; }

    /// <summary>Opens (creating if needed) the database at <paramref name="path"/> for reading and writing.</summary>
    public static Database Open(string path)
    {
        lock (InitLock)
        {
            if (!_initialised)
            {
                Batteries_V2.Init();
                _initialised = true;
            }
        }

        var rc = raw.sqlite3_open_v2(path, out var handle, raw.SQLITE_OPEN_READWRITE | raw.SQLITE_OPEN_CREATE, null);
        if (rc != raw.SQLITE_OK)
        {
            var message = handle is null ? raw.sqlite3_errstr(rc).utf8_to_string() : raw.sqlite3_errmsg(handle).utf8_to_string();
            handle?.Dispose();
            throw new SqliteError(rc, message);
        }

        raw.sqlite3_extended_result_codes(handle, 1);
        return new Database(handle);
    }

    /// <summary>A command for one SQL statement, prepared when first run.</summary>
    public Command Command(string text = "") => new(this, text);

    /// <summary>Runs a script of one or more statements without parameters (pragmas, migrations).</summary>
    public void ExecuteScript(string sql)
    {
        var rc = raw.sqlite3_exec(Handle, sql);
        Check(rc);
    }

    /// <summary>Begins an IMMEDIATE transaction: the write lock is taken now, so writers from several processes queue here.</summary>
    public Transaction Begin()
    {
        using (var begin = Command("BEGIN IMMEDIATE"))
        {
            begin.Execute();
        }

        return new Transaction(this);
    }

    /// <summary>No transaction is open on this connection.</summary>
    public bool InAutocommit => raw.sqlite3_get_autocommit(Handle) != 0;

    /// <summary>Throws the connection's last error when <paramref name="rc"/> is not a success.</summary>
    public void Check(int rc)
    {
        if (rc is not (raw.SQLITE_OK or raw.SQLITE_ROW or raw.SQLITE_DONE))
        {
            throw Error(rc);
        }
    }

    public SqliteError Error(int rc) => new(raw.sqlite3_extended_errcode(Handle) is var extended && (extended & 0xFF) == (rc & 0xFF) ? extended : rc, raw.sqlite3_errmsg(Handle).utf8_to_string());

    public void Dispose() => Handle.Dispose();
}
