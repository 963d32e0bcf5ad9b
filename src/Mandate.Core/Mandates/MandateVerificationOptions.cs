namespace Mandate.Core.Mandates;

/// <summary>What the receiver of a mandate knows about the request it came with.</summary>
public sealed record MandateVerificationOptions
{
    /// <summary>When set, the mandate's <c>aud</c> must contain it; when null, any audience (or none) is accepted.</summary>
    public string? Audience { get; init; }

    /// <summary>The presenter's X.509-SVID in DER (from the mTLS handshake): a bound mandate's <c>cnf</c> must match it.</summary>
    public ReadOnlyMemory<byte>? PresenterCertificate { get; init; }

    /// <summary>
    /// When true (the default), a bound mandate (one with <c>cnf</c>) is refused if no presenter
    /// certificate is given: binding means nothing if the check can be skipped.
    /// </summary>
    public bool RequirePresenterForBoundMandate { get; init; } = true;
}
