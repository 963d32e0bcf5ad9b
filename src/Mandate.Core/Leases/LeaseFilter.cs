namespace Mandate.Core.Leases;

/// <summary>Which leases to list or revoke; null means any. An empty filter matches every lease.</summary>
public sealed record LeaseFilter
{
    public string? Id { get; init; }

    public string? TaskId { get; init; }

    /// <summary>The actor's SPIFFE ID, or its prefix followed by "/" (an agent and all its sessions).</summary>
    public string? Actor { get; init; }

    public string? MandateJti { get; init; }

    public string? SessionId { get; init; }

    public string? Kind { get; init; }

    /// <summary>Only leases active (not revoked, not expired) at this time.</summary>
    public DateTimeOffset? ActiveAt { get; init; }

    /// <summary>Only leases expired at this time and not yet revoked: what a sweep revokes at the provider.</summary>
    public DateTimeOffset? ExpiredAt { get; init; }
}
