using Mandate.Core.Agents;
using Mandate.Core.Audit;
using Mandate.Core.Storage;

namespace Mandate.Core.Tests.Fakes;

/// <summary>
/// An agent store in which another process registers <paramref name="competitors"/> agents just after
/// each read of the taken SPIFFE IDs, so every ID the registry chooses from that read is gone by the insert.
/// </summary>
internal sealed class RacingAgentStore(InMemoryStore inner, int competitors) : IAgentStore
{
    private int _left = competitors;

    public void Add(Agent agent, AuditRecord recorded) => inner.Add(agent, recorded);

    public Agent? Find(AgentId id) => inner.Find(id);

    public Agent? FindBySpiffeId(string spiffeId) => inner.FindBySpiffeId(spiffeId);

    public IReadOnlyList<Agent> List() => inner.List();

    public bool Revoke(AgentId id, DateTimeOffset at, string reason, AuditRecord recorded) => inner.Revoke(id, at, reason, recorded);

    public IReadOnlyList<string> SpiffeIdsStartingWith(string prefix)
    {
        var taken = inner.SpiffeIdsStartingWith(prefix);
        if (_left > 0)
        {
            _left--;
            var id = prefix;
            for (var n = 2; taken.Contains(id); n++)
            {
                id = $"{prefix}-{n}";
            }

            var rival = new Agent
            {
                Id = AgentId.New(),
                SpiffeId = id,
                Type = "rival",
                Project = "rival",
                Sponsor = "rival@acme.dev",
                CreatedAt = DateTimeOffset.UnixEpoch,
                CreatedBy = "os:other-process",
            };
            inner.Add(rival, new AuditRecord { Time = DateTimeOffset.UnixEpoch, Kind = AuditKinds.Lifecycle, Event = "agent.register", Actor = new AuditActor("os:other-process") });
        }

        return taken;
    }
}
