namespace Mandate.Credentials.Leases;

/// <summary>What is asked for: the provider-specific parameters (database and access, principal and host, repository…) and a TTL.</summary>
public sealed record LeaseRequest
{
    /// <summary>The registered provider to use (for postgres, the server's name).</summary>
    public required string Provider { get; init; }

    public required IReadOnlyDictionary<string, string> Parameters { get; init; }

    public TimeSpan? Ttl { get; init; }
}
