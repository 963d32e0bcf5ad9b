using Mandate.Core.Identity;

namespace Mandate.Core.Mandates;

/// <summary>A human's grant of a task-scoped mandate to one agent (the root of a chain).</summary>
public sealed record MandateGrant
{
    /// <summary>The accountable human's e-mail address; the token's <c>sub</c> is <c>user:&lt;email&gt;</c>.</summary>
    public required string HumanEmail { get; init; }

    /// <summary>The agent (or agent session) receiving the mandate.</summary>
    public required SpiffeId Agent { get; init; }

    public required string TaskId { get; init; }

    public required string Purpose { get; init; }

    public required Scope Scope { get; init; }

    public required TimeSpan Ttl { get; init; }

    /// <summary>How many times the mandate may be passed on to sub-agents (0 to <see cref="MandateFormat.MaxDepthLimit"/>).</summary>
    public int MaxDepth { get; init; }

    /// <summary>Capabilities that still need a human's approval each time.</summary>
    public Scope Ask { get; init; } = Scope.Empty;

    public string? Audience { get; init; }

    /// <summary>The presenter's X.509-SVID in DER: binds the mandate to it (<c>cnf</c>).</summary>
    public ReadOnlyMemory<byte>? PresenterCertificate { get; init; }
}
