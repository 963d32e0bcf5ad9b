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
    /// The WAL length, in frames, at which opening the store checkpoints it. A hook is a new process on every tool
    /// call, and a process's first connection rebuilds SQLite's WAL index from the WAL, forgetting what earlier
    /// processes checkpointed; so SQLite's automatic checkpoint never lets the next writer start the WAL again from
    /// its beginning, and without this the WAL grew by every append (every hook then read all of it: 15 ms at 3,200
    /// pages). At open, once the WAL holds this many frames, the store checkpoints it, and its first write starts
    /// the WAL again from the beginning. The file keeps its length and is written over: a commit that overwrites
    /// allocated blocks is fsynced in about a third of the time of one that grows the file (~90 µs against ~250 µs
    /// here), which is why the WAL is no longer truncated.
    /// </summary>
    public const int WalCheckpointFrames = 32;

    /// <summary>Past this length the WAL is checkpointed whatever its index says, and cut back to it when it starts again.</summary>
    public const long WalLimitBytes = 512 * 1024;

    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private readonly Database _database;
    private readonly SqliteAuditLog _audit;

    private SqliteStore(Database database, AuditKeys keys, TimeProvider time)
    {
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
            // fsynced to the WAL); the WAL is checkpointed at open once it is long (WalCheckpointFrames).
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

            CheckpointWhenLong(database, path);
            RestrictPermissions(path);
            return new SqliteStore(database, keys, time ?? TimeProvider.System);
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
            PRAGMA journal_size_limit = {WalLimitBytes};
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
        _database.Dispose();
    }

    /// <summary>
    /// Checkpoints the WAL once it holds <see cref="WalCheckpointFrames"/> frames (see there), so that this
    /// connection's first write starts it again from the beginning. The frame count is the wal-index header's
    /// <c>mxFrame</c> (sqlite.org/walformat.html, bytes 16 to 19 of the -shm file, in the machine's byte order, written
    /// twice), read after <see cref="Prepare"/>'s first read rebuilt it. Best effort and never waiting: a PASSIVE
    /// checkpoint stops at the first frame another process still reads, and nothing is lost either way.
    /// </summary>
    private static void CheckpointWhenLong(Database database, string path)
    {
        try
        {
            var wal = new FileInfo(path + "-wal");
            if (!wal.Exists || wal.Length < WalCheckpointFrames * 4096L)
            {
                return;
            }

            if (wal.Length > WalLimitBytes || WalFrames(path + "-shm") >= WalCheckpointFrames)
            {
                database.ExecuteScript("PRAGMA wal_checkpoint(PASSIVE);");
            }
        }
        catch (Exception e) when (e is SqliteError or IOException or UnauthorizedAccessException)
        {
            // Nothing is lost: every commit is already durable in the WAL.
        }
    }

    /// <summary>The wal-index header's frame count, or 0 when its two copies disagree (a writer is changing it).</summary>
    private static uint WalFrames(string shm)
    {
        Span<byte> header = stackalloc byte[68];
        using var handle = File.OpenHandle(shm, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        if (RandomAccess.Read(handle, header, 0) < header.Length)
        {
            return 0;
        }

        var first = System.Runtime.InteropServices.MemoryMarshal.Read<uint>(header[16..]);
        var second = System.Runtime.InteropServices.MemoryMarshal.Read<uint>(header[64..]);
        return first == second ? first : 0;
    }
}
