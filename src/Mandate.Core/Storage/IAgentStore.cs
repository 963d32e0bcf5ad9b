using Mandate.Core.Agents;
using Mandate.Core.Audit;

namespace Mandate.Core.Storage;

public interface IAgentStore
{
    void Add(Agent agent, AuditRecord recorded);

    Agent? Find(AgentId id);

    Agent? FindBySpiffeId(string spiffeId);

    /// <summary>SPIFFE IDs already taken that start with <paramref name="prefix"/>, revoked agents included.</summary>
    IReadOnlyList<string> SpiffeIdsStartingWith(string prefix);

    IReadOnlyList<Agent> List();

    /// <summary>Marks the agent revoked and records the event in one transaction; false if it was already revoked.</summary>
    bool Revoke(AgentId id, DateTimeOffset at, string reason, AuditRecord recorded);
}
