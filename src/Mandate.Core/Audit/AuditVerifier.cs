using System.Text.Json;
using Mandate.Core.Audit.Internal;

namespace Mandate.Core.Audit;

/// <summary>
/// Recomputes every leaf and the whole tree from the stored records, in one streaming pass, and
/// checks: sequence numbers are dense and match the seq inside each record; each record is
/// canonical JSON whose leaf hash is the stored one; every stored Merkle node is the recomputed one
/// and none lies beyond the log; every stored checkpoint is signed by the log key and its root is
/// the recomputed root at its size (so each is consistent with the next); and, if given, an
/// exported checkpoint is one that this log extends (which catches a rollback or a rewritten tail).
/// The first problem found is reported with the seq where the log stops being trustworthy.
/// </summary>
public sealed class AuditVerifier
{
    private const int MaxLevels = 63;

    private readonly IAuditLog _log;
    private readonly CheckpointVerifier _checkpoints;

    public AuditVerifier(IAuditLog log)
    {
        ArgumentNullException.ThrowIfNull(log);
        _log = log;
        _checkpoints = new CheckpointVerifier(log.VerifierKey, log.VerifierKey.Name);
    }

    public AuditVerification Verify(string? exportedCheckpoint = null)
    {
        var stored = new List<(long Size, Checkpoint? Note, string Problem)>();
        foreach (var c in _log.Checkpoints())
        {
            var v = _checkpoints.Verify(c.Note);
            var problem = v.Checkpoint is null
                ? $"the stored checkpoint at size {c.TreeSize} is not validly signed by the log key ({v.Reason}): it was forged or re-signed with another key"
                : v.Checkpoint.TreeSize != c.TreeSize
                    ? $"the stored checkpoint filed under size {c.TreeSize} is signed for size {v.Checkpoint.TreeSize}: it was moved"
                    : "";
            stored.Add((c.TreeSize, problem.Length == 0 ? v.Checkpoint : null, problem));
        }

        Checkpoint? exported = null;
        if (exportedCheckpoint is not null)
        {
            var v = _checkpoints.Verify(exportedCheckpoint);
            if (v.Checkpoint is null)
            {
                return AuditVerification.Bad(0, 0, null, $"the exported checkpoint is not validly signed by this log's key: {v.Reason}");
            }

            exported = v.Checkpoint;
        }

        using var nodes = new StoredNodeCursor(_log.Nodes as IStoredMerkleNodes);
        var frontier = new MerkleFrontier();
        var leafHash = new byte[MerkleTree.HashSize];
        var next = 0;
        var expected = 1L;
        foreach (var record in _log.ReadFrom(1))
        {
            if (record.Seq != expected)
            {
                return AuditVerification.Bad(frontier.Size, next, expected, record.Seq > expected
                    ? $"record {expected} is missing (the next stored record is {record.Seq}): a row was deleted"
                    : $"record {record.Seq} appears twice or out of order");
            }

            if (RecordSeq(record.Canonical) != record.Seq)
            {
                return AuditVerification.Bad(frontier.Size, next, record.Seq, $"the record's own seq field ({RecordSeq(record.Canonical)}) does not match its position: records were inserted, deleted or swapped");
            }

            // Hash first: bytes whose leaf hash matches (and, below, the stored tree) are the bytes that
            // were appended, so the costlier canonical-JSON check only explains a mismatch.
            MerkleTree.HashLeaf(record.Canonical, leafHash);
            if (!leafHash.SequenceEqual(record.LeafHash))
            {
                return AuditVerification.Bad(frontier.Size, next, record.Seq, JsonCanonicalizer.IsCanonical(record.Canonical)
                    ? "the record does not match its stored leaf hash: the record or the hash was changed"
                    : "the record is not canonical JSON: it was edited");
            }

            frontier.Append(leafHash, nodes.Compare);
            if (nodes.Problem is { } nodeProblem)
            {
                return AuditVerification.Bad(frontier.Size, next, record.Seq, nodeProblem);
            }

            expected++;
            while (next < stored.Count && stored[next].Size == frontier.Size)
            {
                var problem = CheckCheckpoint(stored[next].Note, stored[next].Problem, frontier, "stored checkpoint");
                if (problem is not null)
                {
                    return AuditVerification.Bad(frontier.Size, next, frontier.Size, problem);
                }

                next++;
            }

            if (exported is not null && exported.TreeSize == frontier.Size &&
                CheckCheckpoint(exported, "", frontier, "exported checkpoint") is { } exportedProblem)
            {
                return AuditVerification.Bad(frontier.Size, next, frontier.Size, exportedProblem + ": the log was rewritten after it was exported");
            }
        }

        if (next < stored.Count)
        {
            return AuditVerification.Bad(frontier.Size, next, frontier.Size + 1, $"a stored checkpoint covers {stored[next].Size} records but the log has only {frontier.Size}: the tail was truncated");
        }

        if (exported is not null && exported.TreeSize > frontier.Size)
        {
            return AuditVerification.Bad(frontier.Size, next, frontier.Size + 1, $"the exported checkpoint covers {exported.TreeSize} records but the log has only {frontier.Size}: the log was rolled back or truncated");
        }

        if (nodes.Enabled)
        {
            if (nodes.FindExtra(MaxLevels) is { } extra)
            {
                return AuditVerification.Bad(frontier.Size, next, frontier.Size + 1, $"the stored tree has node ({extra.Level}, {extra.Index}) beyond the log's {frontier.Size} records: records were removed from the tail");
            }
        }
        else if (frontier.Size > 0 && !MerkleFrontier.FromSource(frontier.Size, _log.Nodes).RootHash().AsSpan().SequenceEqual(frontier.RootHash()))
        {
            return AuditVerification.Bad(frontier.Size, next, null, "the stored Merkle node hashes do not match the records: a stored hash was replaced");
        }

        return new AuditVerification(true, frontier.Size, next, frontier.RootHash(), null, null);
    }

    private static string? CheckCheckpoint(Checkpoint? note, string problem, MerkleFrontier frontier, string what)
    {
        if (note is null)
        {
            return problem;
        }

        return note.RootHash.SequenceEqual(frontier.RootHash())
            ? null
            : $"the {what} at size {note.TreeSize} has a root hash that differs from the recomputed tree";
    }

    /// <summary>Reads the top-level <c>seq</c> member without building a document.</summary>
    private static long RecordSeq(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return -1;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("seq"u8))
                {
                    reader.Read();
                    return reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var seq) ? seq : -1;
                }

                reader.Skip();
            }
        }
        catch (JsonException)
        {
            return -1;
        }

        return -1;
    }
}
