namespace Mandate.Core.Storage;

/// <summary>
/// A mandate as the store keeps it: its claims' essentials, never the token itself (only its
/// SHA-256), so a copy of the database grants nothing.
/// </summary>
public sealed record MandateRecord
{
    public required string Jti { get; init; }

    /// <summary>The mandate it was delegated from; null for a human's grant.</summary>
    public string? ParentJti { get; init; }

    /// <summary>The SPIFFE ID of the agent (or session) acting under it.</summary>
    public required string Actor { get; init; }

    /// <summary>The registered agent's id, when the actor is one.</summary>
    public string? AgentId { get; init; }

    public required string HumanEmail { get; init; }

    public required string TaskId { get; init; }

    public required string Purpose { get; init; }

    public required string Scope { get; init; }

    public required int Depth { get; init; }

    public required DateTimeOffset IssuedAt { get; init; }

    public required DateTimeOffset ExpiresAt { get; init; }

    public required string TokenSha256 { get; init; }

    public DateTimeOffset? RevokedAt { get; init; }

    public string? RevocationReason { get; init; }

    public bool IsActiveAt(DateTimeOffset now) => RevokedAt is null && ExpiresAt > now;
}
