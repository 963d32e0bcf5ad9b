using Mandate.Core.Audit;
using Mandate.Core.Storage;
using Mandate.Storage.Sqlite.Sql;

namespace Mandate.Storage.Sqlite;

/// <summary>
/// The embedded store: one SQLite file in WAL mode, <c>synchronous=FULL</c> so that a write is
/// durable when acknowledged, and a bounded busy wait so concurrent hook processes queue instead of failing.
/// </summary>
public sealed class SqliteStore : IMandateStore
{
    /// <summary>How long a writer waits for another process's lock before the write fails (and the caller fails closed).</summary>
    public static readonly TimeSpan BusyTimeout = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The WAL size above which closing the store checkpoints and truncates it. A hook is a new process on every
    /// tool call, and a process's first connection rebuilds SQLite's WAL index by reading every valid WAL frame.
    /// SQLite's automatic checkpoint copies frames to the database but cannot restart a WAL that a new process
    /// has just recovered, so without this the WAL grew by every append and every hook read all of it (about
    /// 4.6 µs a page: 15 ms at 3,200 pages). At 128 KiB (32 pages, a trim every ~6 hooks) recovery costs ~0.1 ms.
    /// </summary>
    public const long WalTrimBytes = 128 * 1024;

    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private readonly Database _database;
    private readonly string _path;
    private readonly SqliteAuditLog _audit;

    private SqliteStore(Database database, string path, AuditKeys keys, TimeProvider time)
    {
        _path = path;
        _database = database;
        var audit = new SqliteAuditLog(database, keys, time);
        _audit = audit;
        Audit = audit;
        Agents = new SqliteAgentStore(database, audit);
        Mandates = new SqliteMandateStore(database, audit);
        Leases = new SqliteLeaseStore(database, audit);
        Secrets = new SqliteSecretStore(database, audit);
        Providers = new SqliteProviderStore(database, audit);
    }

    public IAgentStore Agents { get; }

    public IAuditLog Audit { get; }

    public IMandateRecordStore Mandates { get; }

    public ILeaseStore Leases { get; }

    public ISecretStore Secrets { get; }

    public IProviderStore Providers { get; }

    /// <summary>Opens (creating and migrating if needed) the store; <paramref name="keys"/> sign checkpoints and key the redaction HMAC.</summary>
    public static SqliteStore Open(string path, AuditKeys keys, TimeProvider? time = null)
    {
        SqliteNative.PreferBesideTheProgram();
        Database database;
        try
        {
            CreateOwnerOnly(path);
            database = Database.Open(path);
        }
        catch (Exception e) when (e is SqliteError or IOException or UnauthorizedAccessException)
        {
            throw new StoreException($"The store {path} cannot be opened: {(e as SqliteError)?.Describe() ?? e.Message}", e);
        }

        try
        {
            // Each hook is a short process and usually the only connection: closing would checkpoint the WAL
            // into the database file (copy and fsync) every time. Durability does not need it (a commit is
            // fsynced to the WAL); Dispose truncates the WAL once it passes WalTrimBytes instead.
            SQLitePCL.raw.sqlite3_db_config(database.Handle, SQLitePCL.raw.SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, out _);
            var clock = System.Diagnostics.Stopwatch.StartNew();
            while (true)
            {
                try
                {
                    Prepare(database);
                    break;
                }
                catch (SqliteError e) when (e.IsBusy && clock.Elapsed < SqliteWrites.BusyDeadline)
                {
                    Thread.Sleep(System.Security.Cryptography.RandomNumberGenerator.GetInt32(2, 20)); // a WAL being recovered after a killed writer
                }
            }

            RestrictPermissions(path);
            return new SqliteStore(database, path, keys, time ?? TimeProvider.System);
        }
        catch (Exception e) when (e is SqliteError or IOException or UnauthorizedAccessException)
        {
            database.Dispose();
            throw new StoreException($"The store {path} cannot be opened: {(e as SqliteError)?.Describe() ?? e.Message}", e);
        }
        catch (StoreException)
        {
            // A schema newer than this binary: do not leave the file open behind the refusal.
            database.Dispose();
            throw;
        }
    }

    private static void Prepare(Database database)
    {
        database.ExecuteScript($"""
            PRAGMA busy_timeout = {(int)BusyTimeout.TotalMilliseconds};
            PRAGMA journal_mode = WAL;
            PRAGMA synchronous = FULL;
            PRAGMA foreign_keys = ON;
            """);
        Migrations.Apply(database);
    }

    /// <summary>
    /// Creates a missing database file readable by its owner only, before SQLite opens it: SQLite gives the WAL and
    /// the shared-memory file it creates beside it the database's own mode, and they hold the same rows.
    /// </summary>
    private static void CreateOwnerOnly(string path)
    {
        if (OperatingSystem.IsWindows() || File.Exists(path))
        {
            return;
        }

        var options = new FileStreamOptions { Mode = FileMode.OpenOrCreate, Access = FileAccess.Write, UnixCreateMode = OwnerOnly };
        using (new FileStream(path, options))
        {
        }
    }

    /// <summary>Makes a database that others can read (one made before <see cref="CreateOwnerOnly"/>) private, with its WAL and shm.</summary>
    private static void RestrictPermissions(string path)
    {
        if (OperatingSystem.IsWindows() || File.GetUnixFileMode(path) == OwnerOnly)
        {
            return;
        }

        foreach (var file in new[] { path, path + "-wal", path + "-shm" })
        {
            if (File.Exists(file))
            {
                File.SetUnixFileMode(file, OwnerOnly);
            }
        }
    }

    public void Dispose()
    {
        _audit.Dispose();
        TrimWal();
        _database.Dispose();
    }

    /// <summary>
    /// Checkpoints the WAL into the database and truncates it when it has grown past <see cref="WalTrimBytes"/>
    /// (see there). Best effort and never waiting: if another process is reading or writing, the WAL stays
    /// as it is, still valid, and a later close trims it.
    /// </summary>
    private void TrimWal()
    {
        try
        {
            var wal = new FileInfo(_path + "-wal");
            if (!wal.Exists || wal.Length < WalTrimBytes)
            {
                return;
            }

            _database.ExecuteScript("PRAGMA busy_timeout = 0; PRAGMA wal_checkpoint(TRUNCATE);");
        }
        catch (Exception e) when (e is SqliteError or IOException or UnauthorizedAccessException)
        {
            // Nothing is lost: every commit is already durable in the WAL.
        }
    }
}
