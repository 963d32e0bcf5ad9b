namespace Mandate.Core.Mandates;

/// <summary>
/// The claims of a mandate (DESIGN.md §2). Only <see cref="MandateVerifier"/> and
/// <see cref="MandateIssuer"/> create them, so holding one means the token was verified or just signed.
/// </summary>
public sealed class MandateClaims
{
    internal MandateClaims()
    {
    }

    /// <summary><c>iss</c>: <c>spiffe://&lt;trust domain&gt;</c>.</summary>
    public string Issuer { get; internal init; } = "";

    /// <summary><c>sub</c>: the human whose authority is exercised, <c>user:&lt;email&gt;</c>.</summary>
    public string Subject { get; internal init; } = "";

    /// <summary>The <c>act</c> nesting as a list, innermost (the agent the human granted to) first, the current actor last.</summary>
    public IReadOnlyList<string> Actors { get; internal init; } = [];

    /// <summary>The current actor: the outermost <c>act.sub</c>.</summary>
    public string Actor => Actors[^1];

    public Scope Scope { get; internal init; } = Scope.Empty;

    public MandateTask Task { get; internal init; } = new("", "");

    /// <summary><c>delegation_chain</c>: the human's grant first, this token's hop last.</summary>
    public IReadOnlyList<DelegationHop> Chain { get; internal init; } = [];

    public MandateConstraints Constraints { get; internal init; } = new(0, Scope.Empty);

    /// <summary><c>cnf.x5t#S256</c>: the base64url SHA-256 of the presenter's X.509-SVID (DER), or null for a bearer mandate.</summary>
    public string? Thumbprint { get; internal init; }

    public DateTimeOffset IssuedAt { get; internal init; }

    public DateTimeOffset NotBefore { get; internal init; }

    public DateTimeOffset ExpiresAt { get; internal init; }

    public string Jti { get; internal init; } = "";

    /// <summary><c>aud</c>, empty when the mandate is for any audience.</summary>
    public IReadOnlyList<string> Audience { get; internal init; } = [];

    /// <summary>Re-delegations after the human's grant: 0 for the grant itself.</summary>
    public int Depth => Chain.Count - 1;

    /// <summary>The human's e-mail address: <see cref="Subject"/> without <c>user:</c>.</summary>
    public string HumanEmail => Subject.StartsWith(MandateFormat.HumanPrefix, StringComparison.Ordinal) ? Subject[MandateFormat.HumanPrefix.Length..] : Subject;
}
