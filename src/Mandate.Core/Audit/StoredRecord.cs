namespace Mandate.Core.Audit;

/// <summary>A record as stored: its sequence number, its canonical (hashed) bytes and its leaf hash.</summary>
public sealed record StoredRecord(long Seq, byte[] Canonical, byte[] LeafHash);
