using Mandate.Core.Audit;
using Mandate.Core.Errors;
using Mandate.Core.Identity;
using Mandate.Core.Storage;

namespace Mandate.Core.Agents;

/// <summary>Registers, finds and revokes agents; every change is recorded in the same transaction.</summary>
public sealed class AgentRegistry
{
    private const int MaxFieldLength = 200;
    private const int MaxRegisterAttempts = 50;
    private readonly TrustDomain _trustDomain;
    private readonly IAgentStore _store;
    private readonly TimeProvider _time;

    public AgentRegistry(TrustDomain trustDomain, IAgentStore store, TimeProvider time)
    {
        _trustDomain = trustDomain;
        _store = store;
        _time = time;
    }

    /// <summary>
    /// Registers an agent as <c>spiffe://td/agent/&lt;type&gt;/&lt;project&gt;</c>. If that ID is taken
    /// (revoked agents keep theirs forever), the project segment gets a suffix: <c>webapp-2</c>, <c>webapp-3</c>…
    /// </summary>
    public Outcome<Agent> Register(AgentRegistration request, string actor)
    {
        ArgumentNullException.ThrowIfNull(request);
        var problems = Check(request);
        if (problems.Count > 0)
        {
            return new MandateError(
                ErrorCodes.AgentFieldInvalid,
                string.Join("; ", problems) + ".",
                "Type and project are SPIFFE path segments (letters, digits, '.', '-', '_'); the sponsor is the accountable human's email.");
        }

        var baseId = SpiffeId.Create(_trustDomain, "agent", request.Type, request.Project);
        if (!baseId.IsSuccess)
        {
            return baseId.Error;
        }

        // Another process may take the chosen ID between the read and the insert (hooks register
        // concurrently); the store's unique constraint refuses the insert, and the ID is chosen again.
        for (var attempt = 1; ; attempt++)
        {
            var taken = _store.SpiffeIdsStartingWith(baseId.Value.ToString()).ToHashSet(StringComparer.Ordinal);
            var spiffeId = baseId.Value.ToString();
            for (var n = 2; taken.Contains(spiffeId); n++)
            {
                spiffeId = $"{baseId.Value}-{n}";
            }

            var agent = new Agent
            {
                Id = AgentId.New(),
                SpiffeId = spiffeId,
                Type = request.Type,
                Project = request.Project,
                Sponsor = request.Sponsor.Trim().ToLowerInvariant(),
                Model = request.Model,
                Provider = request.Provider,
                Description = request.Description,
                CreatedAt = _time.GetUtcNow(),
                CreatedBy = actor,
            };
            try
            {
                _store.Add(agent, Event("agent.register", actor, agent, new Dictionary<string, string?>
                {
                    ["spiffe_id"] = agent.SpiffeId,
                    ["type"] = agent.Type,
                    ["project"] = agent.Project,
                    ["sponsor"] = agent.Sponsor,
                    ["model"] = agent.Model,
                    ["provider"] = agent.Provider,
                }));
                return agent;
            }
            catch (StoreException) when (attempt < MaxRegisterAttempts && _store.FindBySpiffeId(spiffeId) is not null)
            {
            }
        }
    }

    /// <summary>Finds an agent by its id (<c>agt_…</c>) or its SPIFFE ID.</summary>
    public Outcome<Agent> Find(string idOrSpiffeId)
    {
        ArgumentNullException.ThrowIfNull(idOrSpiffeId);
        var agent = idOrSpiffeId.StartsWith(SpiffeId.Prefix, StringComparison.Ordinal)
            ? _store.FindBySpiffeId(idOrSpiffeId)
            : _store.Find(new AgentId(idOrSpiffeId));
        return agent is not null
            ? agent
            : new MandateError(ErrorCodes.AgentNotFound, $"No agent '{idOrSpiffeId}' is registered in trust domain {_trustDomain}.", "List agents with 'mandate agent list'.");
    }

    /// <summary>Finds an agent that may still act: registered and not revoked.</summary>
    public Outcome<Agent> FindActive(string idOrSpiffeId)
    {
        var agent = Find(idOrSpiffeId);
        if (agent.IsSuccess && agent.Value.IsRevoked)
        {
            return new MandateError(
                ErrorCodes.AgentRevoked,
                $"Agent {agent.Value.Id} was revoked at {agent.Value.RevokedAt:u} ({agent.Value.RevocationReason}); it gets nothing.",
                "Revocation is permanent: register a new agent with 'mandate agent register'.");
        }

        return agent;
    }

    public IReadOnlyList<Agent> List() => _store.List();

    public Outcome<Agent> Revoke(string idOrSpiffeId, string reason, string actor)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            return new MandateError(ErrorCodes.AgentFieldInvalid, "A revocation needs a reason.", "Pass --reason \"<why>\"; it is kept in the record.");
        }

        var found = Find(idOrSpiffeId);
        if (!found.IsSuccess)
        {
            return found;
        }

        var agent = found.Value;
        var now = _time.GetUtcNow();
        var recorded = Event("agent.revoke", actor, agent, new Dictionary<string, string?> { ["spiffe_id"] = agent.SpiffeId, ["reason"] = reason });
        if (!_store.Revoke(agent.Id, now, reason, recorded))
        {
            return new MandateError(ErrorCodes.AgentAlreadyRevoked, $"Agent {agent.Id} was already revoked at {agent.RevokedAt:u}.", "Nothing to do: revocation is permanent.");
        }

        return agent with { RevokedAt = now, RevocationReason = reason };
    }

    private AuditRecord Event(string type, string actor, Agent agent, Dictionary<string, string?> data) => new()
    {
        Time = _time.GetUtcNow(),
        Kind = AuditKinds.Lifecycle,
        Event = type,
        Actor = new AuditActor(actor),
        OnBehalfOf = agent.Sponsor.Length > 0 ? "user:" + agent.Sponsor : null,
        Resource = agent.SpiffeId,
        Details = data,
    };

    private static List<string> Check(AgentRegistration r)
    {
        var problems = new List<string>();
        CheckSegment(r.Type, "--type", problems);
        CheckSegment(r.Project, "--project", problems);
        if (string.IsNullOrWhiteSpace(r.Sponsor) || !IsEmail(r.Sponsor.Trim()))
        {
            problems.Add($"--sponsor '{r.Sponsor}' is not an email address");
        }

        foreach (var (name, value) in new[] { ("--model", r.Model), ("--provider", r.Provider), ("--description", r.Description) })
        {
            if (value is not null && (value.Length > MaxFieldLength || value.Any(char.IsControl)))
            {
                problems.Add($"{name} must be at most {MaxFieldLength} printable characters");
            }
        }

        return problems;
    }

    private static void CheckSegment(string value, string name, List<string> problems)
    {
        if (string.IsNullOrEmpty(value) || value.Length > 100 || !SpiffeId.IsValidSegment(value))
        {
            problems.Add($"{name} '{value}' must be 1–100 characters of letters, digits, '.', '-' or '_' (not '.' or '..')");
        }
    }

    private static bool IsEmail(string s)
    {
        var at = s.IndexOf('@', StringComparison.Ordinal);
        return at > 0 && at == s.LastIndexOf('@') && at < s.Length - 3 && s.IndexOf('.', at) > at + 1 &&
            s.Length <= 254 && !s.Any(c => char.IsWhiteSpace(c) || char.IsControl(c));
    }
}
