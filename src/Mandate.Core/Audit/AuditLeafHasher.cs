using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace Mandate.Core.Audit;

/// <summary>
/// The one entry point a store uses to turn a record into a leaf: redact secrets, canonicalize (JCS),
/// hash as an RFC 6962 leaf. The order matters: what is hashed is exactly what is stored, and it
/// never holds a secret in clear.
/// </summary>
public sealed class AuditLeafHasher
{
    private readonly SecretRedactor _redactor;

    public AuditLeafHasher(SecretRedactor redactor)
    {
        ArgumentNullException.ThrowIfNull(redactor);
        _redactor = redactor;
    }

    /// <summary>Redacts, canonicalizes and hashes <paramref name="record"/> (a JSON object; it is not modified).</summary>
    public bool TryCreateLeaf(
        JsonNode? record, [NotNullWhen(true)] out AuditLeaf? leaf, [NotNullWhen(false)] out string? error)
    {
        leaf = null;
        if (record is not JsonObject)
        {
            error = "an audit record is a JSON object";
            return false;
        }

        JsonObject redacted;
        try
        {
            redacted = (JsonObject)_redactor.Redact(record)!;
        }
        catch (ArgumentException ex)
        {
            error = ex.Message;
            return false;
        }

        if (!JsonCanonicalizer.TryCanonicalize(redacted, out var canonical, out error))
        {
            return false;
        }

        leaf = new AuditLeaf(redacted, canonical, MerkleTree.HashLeaf(canonical));
        return true;
    }

    /// <summary>Checks stored bytes are canonical JSON and that <paramref name="storedLeafHash"/> is their leaf hash.</summary>
    public static LeafCheck Check(ReadOnlySpan<byte> storedBytes, ReadOnlySpan<byte> storedLeafHash)
    {
        if (!JsonCanonicalizer.IsCanonical(storedBytes))
        {
            return LeafCheck.NotCanonical;
        }

        Span<byte> hash = stackalloc byte[MerkleTree.HashSize];
        MerkleTree.HashLeaf(storedBytes, hash);
        return CryptographicOperations.FixedTimeEquals(hash, storedLeafHash) ? LeafCheck.Valid : LeafCheck.HashMismatch;
    }
}
