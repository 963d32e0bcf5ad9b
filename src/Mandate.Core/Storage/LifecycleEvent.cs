namespace Mandate.Core.Storage;

/// <summary>
/// A state change recorded in the store: init, agent registered or revoked, SVID issued.
/// <see cref="Data"/> is a JSON object of the event's details; it never holds key material.
/// </summary>
public sealed record LifecycleEvent
{
    public long Seq { get; init; }

    public required DateTimeOffset Time { get; init; }

    /// <summary>What happened, e.g. <c>trust_domain.init</c>, <c>agent.register</c>, <c>svid.x509.issue</c>.</summary>
    public required string Type { get; init; }

    /// <summary>Who did it: <c>user:&lt;email&gt;</c> or <c>os:&lt;user&gt;</c>.</summary>
    public required string Actor { get; init; }

    /// <summary>What it was done to: an agent id or SPIFFE ID, or the trust domain.</summary>
    public required string Subject { get; init; }

    public required string Data { get; init; }
}
