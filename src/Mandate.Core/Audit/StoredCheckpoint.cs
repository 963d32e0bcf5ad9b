namespace Mandate.Core.Audit;

public sealed record StoredCheckpoint(long TreeSize, string Note, DateTimeOffset CreatedAt);
