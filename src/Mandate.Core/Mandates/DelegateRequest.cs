namespace Mandate.Core.Mandates;

/// <summary>What <c>mandate delegate</c> asks for.</summary>
public sealed record DelegateRequest
{
    /// <summary>The sub-agent's id or SPIFFE ID.</summary>
    public required string To { get; init; }

    public required string Scope { get; init; }

    public TimeSpan? Ttl { get; init; }

    public string? Purpose { get; init; }

    public ReadOnlyMemory<byte>? BindCertificate { get; init; }

    /// <summary>
    /// The X.509-SVID (DER) of whoever passes the parent on. A parent bound to an SVID (<c>cnf</c>) can
    /// only be delegated by its holder: without a matching presenter the delegation is refused.
    /// </summary>
    public ReadOnlyMemory<byte>? Presenter { get; init; }
}
