using Mandate.Core.Identity;

namespace Mandate.Core.Mandates;

/// <summary>An agent passing part of its mandate on to a sub-agent.</summary>
public sealed record MandateDelegation
{
    /// <summary>The sub-agent: its type must be granted by <c>agent:delegate:&lt;type&gt;</c> in the parent.</summary>
    public required SpiffeId To { get; init; }

    /// <summary>Must be covered by the parent's scope.</summary>
    public required Scope Scope { get; init; }

    /// <summary>Defaults to <see cref="MandateIssuer.DefaultDelegationTtl"/>, cut to what the parent has left; an explicit TTL past the parent's expiry is refused.</summary>
    public TimeSpan? Ttl { get; init; }

    /// <summary>Replaces the task's purpose for the sub-agent; the task id stays.</summary>
    public string? Purpose { get; init; }

    /// <summary>The sub-agent's X.509-SVID in DER, to bind the child mandate to it.</summary>
    public ReadOnlyMemory<byte>? PresenterCertificate { get; init; }
}
