namespace Mandate.Core.Storage;

/// <summary>Which mandates a list or a revocation concerns; null means any. At least one is set for a revocation.</summary>
public sealed record MandateFilter
{
    public string? Jti { get; init; }

    public string? TaskId { get; init; }

    public string? AgentId { get; init; }

    public string? HumanEmail { get; init; }

    /// <summary>Only those neither revoked nor expired at this time.</summary>
    public DateTimeOffset? ActiveAt { get; init; }

    public bool IsEmpty => Jti is null && TaskId is null && AgentId is null && HumanEmail is null;
}
