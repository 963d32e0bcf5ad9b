using Mandate.Core.Errors;
using Mandate.Core.Identity;
using Mandate.Core.Mandates.Internal;
using Mandate.Core.Time;

namespace Mandate.Core.Mandates;

public sealed partial class MandateIssuer
{
    private MandateError? CheckGrant(MandateGrant r)
    {
        ArgumentNullException.ThrowIfNull(r.Scope);
        ArgumentNullException.ThrowIfNull(r.Ask);
        if (!MandateClaimsReader.IsHuman(MandateFormat.HumanPrefix + r.HumanEmail))
        {
            return Invalid($"'{Capability.Shorten(r.HumanEmail)}' is not an e-mail address.", "Set the human with 'mandate config set user.email jane@acme.dev'.");
        }

        if (CheckAgent(r.Agent, "the agent") is { } agentError)
        {
            return agentError;
        }

        if ((CheckText(r.TaskId, "task id", 128) ?? CheckText(r.Purpose, "purpose", 1024)) is { } textError)
        {
            return textError;
        }

        if (r.Scope.IsEmpty)
        {
            return new MandateError(ErrorCodes.ScopeInvalid, "The scope is empty: a mandate must grant at least one capability.", "Pass --scope \"fs:read:/src/** exec:run:git\".");
        }

        if (r.Ttl <= TimeSpan.Zero || r.Ttl > _maxTtl)
        {
            return new MandateError(
                ErrorCodes.TtlTooLong,
                $"A mandate's TTL must be more than 0 and at most {DurationText.Format(_maxTtl)}; {DurationText.Format(r.Ttl)} was asked for.",
                $"Ask for {DurationText.Format(_maxTtl)} or less.");
        }

        if (r.MaxDepth is < 0 or > MandateFormat.MaxDepthLimit)
        {
            return Invalid($"max_depth {r.MaxDepth} is outside 0–{MandateFormat.MaxDepthLimit}.", $"Pass --max-depth between 0 and {MandateFormat.MaxDepthLimit}.");
        }

        if (r.Audience is not null && (r.Audience.Length == 0 || r.Audience.Any(char.IsControl)))
        {
            return Invalid("The audience is empty or has control characters.", "Pass --audience https://api.acme.dev, or leave it out.");
        }

        return r.PresenterCertificate is { Length: 0 }
            ? Invalid("The presenter certificate to bind to is empty.", "Pass the agent session's X.509-SVID (PEM) with --bind.")
            : null;
    }

    private MandateError? CheckDelegation(MandateClaims parent, MandateDelegation r, DateTimeOffset now, out DateTimeOffset exp)
    {
        ArgumentNullException.ThrowIfNull(r.Scope);
        exp = default;
        if (!string.Equals(parent.Issuer, _issuer, StringComparison.Ordinal))
        {
            return new MandateError(ErrorCodes.MandateIssuerUntrusted, $"The parent mandate was issued by '{parent.Issuer}', not '{_issuer}'.", "Delegate within the trust domain that granted the mandate.");
        }

        if (now >= parent.ExpiresAt)
        {
            return new MandateError(ErrorCodes.MandateExpired, $"The parent mandate expired at {parent.ExpiresAt:u}.", "Ask the human for a new mandate.");
        }

        if (CheckAgent(r.To, "the sub-agent") is { } agentError)
        {
            return agentError;
        }

        if (parent.Depth + 1 > parent.Constraints.MaxDepth)
        {
            return new MandateError(
                ErrorCodes.DelegationTooDeep,
                $"Delegation refused: the mandate allows {parent.Constraints.MaxDepth} re-delegation(s) and this would be number {parent.Depth + 1}.",
                "Do the work in this agent, or ask the human for a mandate with a larger --max-depth.");
        }

        var type = AgentType(r.To)!;
        if (!parent.Scope.Allows("agent", "delegate", type))
        {
            return new MandateError(
                ErrorCodes.DelegationNotPermitted,
                $"Delegation refused: the parent mandate does not grant 'agent:delegate:{type}'.",
                $"Ask the human for a mandate that includes agent:delegate:{type}.");
        }

        if (r.Scope.IsEmpty)
        {
            return new MandateError(ErrorCodes.ScopeInvalid, "The delegated scope is empty.", "Pass the capabilities the sub-agent needs with --scope.");
        }

        if (parent.Scope.Uncovered(r.Scope) is { } wider)
        {
            return new MandateError(
                ErrorCodes.ScopeNotCovered,
                $"Delegation refused: '{wider}' is not covered by the parent mandate's scope.",
                "Delegate only capabilities the parent mandate grants (or narrower ones); see docs/scopes.md.");
        }

        var ttl = r.Ttl ?? (parent.ExpiresAt - now < DefaultDelegationTtl ? parent.ExpiresAt - now : DefaultDelegationTtl);
        if (ttl <= TimeSpan.Zero)
        {
            return new MandateError(ErrorCodes.TtlInvalid, "A delegation's TTL must be more than 0.", "Pass --ttl 30m, or leave it out.");
        }

        exp = DateTimeOffset.FromUnixTimeSeconds((now + ttl).ToUnixTimeSeconds());
        return exp > parent.ExpiresAt
            ? new MandateError(
                ErrorCodes.DelegationOutlivesParent,
                $"Delegation refused: it would expire at {exp:u}, after the parent mandate ({parent.ExpiresAt:u}).",
                $"Ask for {DurationText.Format(parent.ExpiresAt - now)} or less, or leave --ttl out.")
            : null;
    }

    private MandateError? CheckAgent(SpiffeId id, string what)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (!string.Equals(id.TrustDomain.Name, _trustDomain.Name, StringComparison.Ordinal))
        {
            return Invalid($"{Capitalize(what)} '{id}' is not in trust domain '{_trustDomain.Name}'.", "Mandates are granted to agents of this trust domain.");
        }

        return AgentType(id) is null
            ? Invalid($"{Capitalize(what)} '{id}' is not an agent's SPIFFE ID (spiffe://<td>/agent/<type>/<project>).", "Register the agent with 'mandate agent register' and use its id.")
            : null;
    }

    /// <summary>The agent type of <c>spiffe://td/agent/&lt;type&gt;/&lt;project&gt;[/…]</c>, or null for any other path.</summary>
    internal static string? AgentType(SpiffeId id) => AgentType(id.Path);

    internal static string? AgentType(string path)
    {
        var segments = path.Split('/');
        return segments.Length >= 4 && segments[0].Length == 0 && segments[1] == "agent" ? segments[2] : null;
    }

    private static MandateError? CheckText(string? text, string what, int max) =>
        string.IsNullOrWhiteSpace(text) || text.Length > max || text.Any(char.IsControl)
            ? Invalid($"The {what} must be 1 to {max} characters with no control characters.", $"Pass a {what} that says what the agent is for.")
            : null;

    private static string Capitalize(string text) => char.ToUpperInvariant(text[0]) + text[1..];

    private static MandateError Invalid(string message, string fix) => new(ErrorCodes.MandateRequestInvalid, message, fix);
}
