namespace Mandate.Core.Audit;

/// <summary>The outcome of re-checking a stored leaf with <see cref="AuditLeafHasher.Check"/>.</summary>
public enum LeafCheck
{
    Valid = 0,

    /// <summary>The stored bytes are not JSON in RFC 8785 canonical form: they were edited outside Mandate.</summary>
    NotCanonical,

    /// <summary>The stored leaf hash is not SHA-256(0x00 || stored bytes).</summary>
    HashMismatch,
}
