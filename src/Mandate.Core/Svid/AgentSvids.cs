using Mandate.Core.Audit;
using Mandate.Core.Agents;
using Mandate.Core.Errors;
using Mandate.Core.Home;
using Mandate.Core.Identity;
using Mandate.Core.Time;

namespace Mandate.Core.Svid;

/// <summary>Issues SVIDs to registered, unrevoked agents within the configured TTLs, recording each issue.</summary>
public sealed class AgentSvids
{
    private readonly AgentRegistry _agents;
    private readonly SvidIssuer _issuer;
    private readonly IAuditLog _audit;
    private readonly Settings _settings;
    private readonly TimeProvider _time;

    public AgentSvids(AgentRegistry agents, SvidIssuer issuer, IAuditLog audit, Settings settings, TimeProvider time)
    {
        _agents = agents;
        _issuer = issuer;
        _audit = audit;
        _settings = settings;
        _time = time;
    }

    public Outcome<X509Svid> IssueX509(string agentId, string? session, TimeSpan? ttl, string actor)
    {
        var checkedTtl = CheckTtl(ttl ?? _settings.X509Ttl, _settings.X509MaxTtl, "ttl.x509_svid_max");
        var id = checkedTtl.IsSuccess ? ResolveId(agentId, session) : checkedTtl.Error;
        if (!id.IsSuccess)
        {
            return Refused("svid.x509.refuse", actor, agentId, id.Error);
        }

        var svid = _issuer.IssueX509(id.Value.Id, checkedTtl.Value);
        Record("svid.x509.issue", actor, id.Value.Agent, svid.SpiffeId, svid.ExpiresAt, ("serial", svid.SerialNumber));
        return svid;
    }

    public Outcome<JwtSvid> IssueJwt(string agentId, string? session, string audience, TimeSpan? ttl, string actor)
    {
        var checkedTtl = CheckTtl(ttl ?? _settings.JwtTtl, _settings.JwtMaxTtl, "ttl.jwt_svid_max");
        var id = checkedTtl.IsSuccess ? ResolveId(agentId, session) : checkedTtl.Error;
        if (!id.IsSuccess)
        {
            return Refused("svid.jwt.refuse", actor, agentId, id.Error);
        }

        var svid = _issuer.IssueJwt(id.Value.Id, audience, checkedTtl.Value);
        if (!svid.IsSuccess)
        {
            return Refused("svid.jwt.refuse", actor, agentId, svid.Error);
        }

        Record("svid.jwt.issue", actor, id.Value.Agent, svid.Value.SpiffeId, svid.Value.ExpiresAt, ("jti", svid.Value.Jti), ("aud", audience));

        return svid;
    }

    private Outcome<(Agent Agent, SpiffeId Id)> ResolveId(string agentId, string? session)
    {
        var agent = _agents.FindActive(agentId);
        if (!agent.IsSuccess)
        {
            return agent.Error;
        }

        var id = SpiffeId.Parse(agent.Value.SpiffeId);
        if (session is not null)
        {
            if (!SpiffeId.IsValidSegment(session) || session.Length > 128)
            {
                return new MandateError(ErrorCodes.SessionIdInvalid, $"Session id '{session}' is not a valid SPIFFE path segment.", "Use 1–128 letters, digits, '.', '-' or '_'.");
            }

            id = SpiffeId.Parse($"{agent.Value.SpiffeId}/session/{session}");
        }

        return id.IsSuccess ? (agent.Value, id.Value) : id.Error;
    }

    /// <summary>Records a refusal (who asked for what, and why), then returns the error.</summary>
    private MandateError Refused(string type, string actor, string agentId, MandateError error)
    {
        _audit.Append(new AuditRecord
        {
            Time = _time.GetUtcNow(),
            Kind = AuditKinds.Credential,
            Event = type,
            Actor = new AuditActor(actor),
            Resource = agentId,
            Outcome = "refused",
            Details = new Dictionary<string, string?> { ["code"] = error.Code, ["reason"] = error.Message },
        });
        return error;
    }

    private static Outcome<TimeSpan> CheckTtl(TimeSpan ttl, TimeSpan max, string key) =>
        ttl <= max
            ? ttl
            : new MandateError(
                ErrorCodes.TtlTooLong,
                $"A TTL of {DurationText.Format(ttl)} is above the configured maximum of {DurationText.Format(max)}.",
                $"Ask for {DurationText.Format(max)} or less, or raise {key} in config.json.");

    private void Record(string type, string actor, Agent agent, string spiffeId, DateTimeOffset expires, params (string Key, string Value)[] extra)
    {
        var data = new Dictionary<string, string?> { ["spiffe_id"] = spiffeId, ["expires_at"] = expires.ToString("O", System.Globalization.CultureInfo.InvariantCulture) };
        foreach (var (key, value) in extra)
        {
            data[key] = value;
        }

        _audit.Append(new AuditRecord
        {
            Time = _time.GetUtcNow(),
            Kind = AuditKinds.Credential,
            Event = type,
            Actor = new AuditActor(actor),
            OnBehalfOf = "user:" + agent.Sponsor,
            Resource = spiffeId,
            Details = data,
        });
    }
}
