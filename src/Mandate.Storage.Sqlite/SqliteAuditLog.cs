using Mandate.Core.Audit;
using Mandate.Core.Storage;
using Mandate.Storage.Sqlite.Sql;

namespace Mandate.Storage.Sqlite;

/// <summary>
/// The audit log in SQLite. Each append runs in one IMMEDIATE transaction, so writers from several
/// processes are serialised by SQLite's lock: sequence numbers stay dense and the tree never forks.
/// The Merkle frontier is rebuilt from the O(log n) stored subtree hashes, extended, and the new
/// complete subtrees are stored, so appends cost O(log n) and proofs need no full scan.
/// </summary>
internal sealed partial class SqliteAuditLog : IAuditLog, IDisposable
{
    /// <summary>A checkpoint is signed at least every this many records.</summary>
    public const int CheckpointInterval = 1000;

    private readonly Database _database;
    private readonly AuditKeys _keys;
    private readonly SecretRedactor _redactor;
    private readonly AuditLeafHasher _hasher;
    private readonly TimeProvider _time;
    private AppendStatements? _statements;

    public SqliteAuditLog(Database database, AuditKeys keys, TimeProvider time)
    {
        _database = database;
        _keys = keys;
        _redactor = new SecretRedactor(keys.HmacKey);
        _hasher = new AuditLeafHasher(_redactor);
        _time = time;
        Nodes = new SqliteNodeSource(database);
    }

    public long Size => SizeIn();

    public NoteVerifierKey VerifierKey => _keys.Signer.VerifierKey;

    public IMerkleHashSource Nodes { get; }

    /// <summary>Registers a value to be redacted wherever it appears (e.g. a brokered secret).</summary>
    public void RegisterSecret(string secret) => _redactor.RegisterSecret(secret);

    public long Append(AuditRecord record) => AppendBatch([record])[0];

    public IReadOnlyList<long> AppendBatch(IReadOnlyList<AuditRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        try
        {
            return SqliteWrites.InTransaction(_database, tx => Append(tx, records));
        }
        catch (SqliteError e)
        {
            throw new StoreException($"The audit log could not record {records.Count} record(s): {e.Describe()}", e);
        }
    }

    /// <summary>Appends inside a caller's transaction, so a state change and its record commit together.</summary>
    internal IReadOnlyList<long> Append(Transaction tx, IReadOnlyList<AuditRecord> records)
    {
        _statements ??= new AppendStatements(_database);
        var statements = _statements;
        var size = statements.Size(tx);
        var frontier = MerkleFrontier.FromSource(size, statements);
        var seqs = new List<long>(records.Count);
        foreach (var record in records)
        {
            var seq = size + 1;
            if (!_hasher.TryCreateLeaf(record.ToJson(seq), out var leaf, out var error))
            {
                // The event name is caller data and may hold a secret: the message names the position only.
                throw new StoreException($"The audit record at seq {seq} cannot be canonicalised: {error}");
            }

            statements.Record.Execute(seq, record.Time, leaf);
            frontier.Append(leaf.LeafHash.Span, statements.InsertNode);
            size = seq;
            seqs.Add(seq);
            if (size % CheckpointInterval == 0)
            {
                StoreCheckpoint(tx, frontier);
            }
        }

        return seqs;
    }

    public string CreateCheckpoint()
    {
        try
        {
            return SqliteWrites.InTransaction(_database, tx =>
                StoreCheckpoint(tx, MerkleFrontier.FromSource(SizeIn(), new SqliteNodeSource(_database))));
        }
        catch (SqliteError e)
        {
            throw new StoreException($"The checkpoint could not be stored: {e.Describe()}", e);
        }
    }

    private string StoreCheckpoint(Transaction tx, MerkleFrontier frontier)
    {
        var note = _keys.Signer.Sign(new Checkpoint(_keys.Signer.KeyName, frontier.Size, frontier.RootHash()));
        using var cmd = tx.Command("INSERT OR REPLACE INTO audit_checkpoints (tree_size, note, created_at) VALUES ($s, $n, $t)");
        cmd.Bind("$s", frontier.Size);
        cmd.Bind("$n", note);
        cmd.Bind("$t", Time.Write(_time.GetUtcNow()));
        cmd.Execute();
        return note;
    }

    private long SizeIn()
    {
        using var cmd = _database.Command("SELECT COALESCE(MAX(seq), 0) FROM audit_records");
        return (long)cmd.Scalar()!;
    }

    /// <summary>A setting of this store's own connection (<c>synchronous</c> is per connection), for tests and diagnostics.</summary>
    internal string Pragma(string name)
    {
        using var cmd = _database.Command($"PRAGMA {name}");
        return Convert.ToString(cmd.Scalar(), System.Globalization.CultureInfo.InvariantCulture) ?? "";
    }

    public void Dispose() => _statements?.Dispose();
}
