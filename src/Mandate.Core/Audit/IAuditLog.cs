namespace Mandate.Core.Audit;

/// <summary>
/// The append-only, tamper-evident audit log of one trust domain (RFC 6962 Merkle tree over
/// JCS-canonical, redacted records; signed C2SP checkpoints).
/// </summary>
public interface IAuditLog
{
    /// <summary>The number of records, which is the highest <c>seq</c>.</summary>
    long Size { get; }

    /// <summary>Verifies this log's checkpoints.</summary>
    NoteVerifierKey VerifierKey { get; }

    /// <summary>The stored Merkle node hashes, for inclusion and consistency proofs.</summary>
    IMerkleHashSource Nodes { get; }

    /// <summary>
    /// Appends one record and returns its <c>seq</c> once it is durable. Throws
    /// <see cref="Storage.StoreException"/> if it could not be recorded: the caller must then fail closed.
    /// </summary>
    long Append(AuditRecord record);

    /// <summary>Appends several records in one durable commit (group commit).</summary>
    IReadOnlyList<long> AppendBatch(IReadOnlyList<AuditRecord> records);

    /// <summary>
    /// Registers an exact value (e.g. a brokered password) to be redacted from every later record this
    /// instance appends. A log that cannot redact refuses, so the caller does not go on believing it is.
    /// </summary>
    void RegisterSecret(string secret) => throw new NotSupportedException("This audit log does not redact registered secrets.");

    StoredRecord? Get(long seq);

    IReadOnlyList<StoredRecord> Query(AuditQuery query);

    /// <summary>Every row from <paramref name="fromSeq"/> on, in stored order, as stored (for verification and export).</summary>
    IEnumerable<StoredRecord> ReadFrom(long fromSeq);

    /// <summary>Signs and stores a checkpoint of the current tree; returns its signed note.</summary>
    string CreateCheckpoint();

    IReadOnlyList<StoredCheckpoint> Checkpoints();
}
