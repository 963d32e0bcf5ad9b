namespace Mandate.Core.Leases;

/// <summary>
/// A brokered, short-lived credential (DESIGN.md §5): bound to an agent session, a mandate, a human and a task,
/// expiring in minutes and revoked at the provider when it ends. The secret itself is never stored.
/// </summary>
public sealed record Lease
{
    /// <summary><c>lse_</c> and 32 hex characters.</summary>
    public required string Id { get; init; }

    /// <summary>postgres, ssh, github, aws, secret.</summary>
    public required string Kind { get; init; }

    /// <summary>The registered provider that issued it (a postgres server's name, "ssh-ca", a GitHub app…).</summary>
    public required string Provider { get; init; }

    /// <summary>The capability it was issued under, e.g. <c>db:connect:postgres/orders/read</c>.</summary>
    public required string Capability { get; init; }

    /// <summary>The acting agent's SPIFFE ID (session or agent).</summary>
    public required string Actor { get; init; }

    public string? SessionId { get; init; }

    public required string MandateJti { get; init; }

    public required string HumanEmail { get; init; }

    public required string TaskId { get; init; }

    public required DateTimeOffset IssuedAt { get; init; }

    public required DateTimeOffset ExpiresAt { get; init; }

    public required TimeSpan Ttl { get; init; }

    /// <summary>No renewal takes the lease past IssuedAt + MaxTtl (nor past its mandate's expiry).</summary>
    public required TimeSpan MaxTtl { get; init; }

    public int Renewals { get; init; }

    public DateTimeOffset? RevokedAt { get; init; }

    public string? RevocationReason { get; init; }

    /// <summary>What identifies the credential at the provider and is not secret: a role name, a certificate serial, a key id.</summary>
    public IReadOnlyDictionary<string, string> Details { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    public bool IsActiveAt(DateTimeOffset now) => RevokedAt is null && ExpiresAt > now;
}
