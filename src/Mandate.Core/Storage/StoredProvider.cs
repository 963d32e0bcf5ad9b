namespace Mandate.Core.Storage;

/// <summary>A registered provider as stored: name, kind, and its configuration sealed (it holds admin credentials).</summary>
public sealed record StoredProvider(string Name, string Kind, ReadOnlyMemory<byte> Config, DateTimeOffset CreatedAt);
