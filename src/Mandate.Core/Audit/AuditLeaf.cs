using System.Text.Json.Nodes;

namespace Mandate.Core.Audit;

/// <summary>
/// A record ready to append: the redacted record, its RFC 8785 canonical bytes (what is stored and
/// exported) and its RFC 6962 leaf hash <c>SHA-256(0x00 || canonical bytes)</c>.
/// </summary>
public sealed record AuditLeaf(JsonObject RedactedRecord, ReadOnlyMemory<byte> CanonicalBytes, ReadOnlyMemory<byte> LeafHash);
