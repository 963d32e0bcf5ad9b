namespace Mandate.Core.Storage;

/// <summary>A static secret as stored: its name, its sealed value (never the clear value) and when it was set.</summary>
public sealed record StoredSecret(string Name, ReadOnlyMemory<byte> Ciphertext, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);
