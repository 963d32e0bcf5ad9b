namespace Mandate.Core.Agents;

/// <summary>A registered non-human identity (DESIGN.md §2). Revocation is permanent.</summary>
public sealed record Agent
{
    public required AgentId Id { get; init; }

    public required string SpiffeId { get; init; }

    public required string Type { get; init; }

    public required string Project { get; init; }

    public required string Sponsor { get; init; }

    public string? Model { get; init; }

    public string? Provider { get; init; }

    public string? Description { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required string CreatedBy { get; init; }

    public DateTimeOffset? RevokedAt { get; init; }

    public string? RevocationReason { get; init; }

    public bool IsRevoked => RevokedAt is not null;
}
