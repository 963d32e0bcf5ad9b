namespace Mandate.Agents.Runtime;

/// <summary>
/// A Mandate session opened at an agent's SessionStart: its SPIFFE ID and X.509-SVID, and the mandate
/// bound to it. Kept in <c>$MANDATE_HOME/sessions/</c> (mode 0600), where agents may not read.
/// </summary>
public sealed record HookSession
{
    public required string Dialect { get; init; }

    public required string SessionId { get; init; }

    public required string Principal { get; init; }

    public required string Project { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    public DateTimeOffset? EndedAt { get; init; }

    /// <summary>The mandate granted to the session from the project's default task; null when none applies.</summary>
    public string? Token { get; init; }

    /// <summary>That mandate's id, to revoke it when the session ends.</summary>
    public string? Jti { get; init; }

    /// <summary>
    /// The mandate's claims as verified when it was granted, so that each tool call need not verify its
    /// ES256 signature again (which loads OpenSSL); expiry and revocation are still checked every time.
    /// </summary>
    public VerifiedMandate? Verified { get; init; }

    /// <summary>The session's X.509-SVID (PEM), the presenter the mandate is bound to.</summary>
    public string? CertificatePem { get; init; }
}
