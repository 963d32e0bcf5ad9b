using Mandate.Core.Agents;
using Mandate.Core.Storage;

namespace Mandate.Core.Tests.Fakes;

/// <summary>
/// A small in-memory <see cref="IMandateStore"/> for Core's tests, which cannot reference the SQLite
/// provider. It keeps the contract that matters here: a change and its event are recorded together.
/// </summary>
internal sealed class InMemoryStore : IMandateStore, IAgentStore, IEventStore
{
    private readonly Lock _gate = new();
    private readonly List<Agent> _agents = [];
    private readonly List<LifecycleEvent> _events = [];

    public IAgentStore Agents => this;

    public IEventStore Events => this;

    public IReadOnlyList<LifecycleEvent> AllEvents
    {
        get
        {
            lock (_gate)
            {
                return [.. _events];
            }
        }
    }

    public void Add(Agent agent, LifecycleEvent recorded)
    {
        lock (_gate)
        {
            if (_agents.Any(a => a.Id == agent.Id || a.SpiffeId == agent.SpiffeId))
            {
                throw new StoreException("duplicate agent id or SPIFFE ID");
            }

            _agents.Add(agent);
            AppendLocked(recorded);
        }
    }

    public Agent? Find(AgentId id)
    {
        lock (_gate)
        {
            return _agents.FirstOrDefault(a => a.Id == id);
        }
    }

    public Agent? FindBySpiffeId(string spiffeId)
    {
        lock (_gate)
        {
            return _agents.FirstOrDefault(a => a.SpiffeId == spiffeId);
        }
    }

    public IReadOnlyList<string> SpiffeIdsStartingWith(string prefix)
    {
        lock (_gate)
        {
            return [.. _agents.Where(a => a.SpiffeId.StartsWith(prefix, StringComparison.Ordinal)).Select(a => a.SpiffeId)];
        }
    }

    public IReadOnlyList<Agent> List()
    {
        lock (_gate)
        {
            return [.. _agents];
        }
    }

    public bool Revoke(AgentId id, DateTimeOffset at, string reason, LifecycleEvent recorded)
    {
        lock (_gate)
        {
            var index = _agents.FindIndex(a => a.Id == id);
            if (index < 0 || _agents[index].IsRevoked)
            {
                return false;
            }

            _agents[index] = _agents[index] with { RevokedAt = at, RevocationReason = reason };
            AppendLocked(recorded);
            return true;
        }
    }

    public long Append(LifecycleEvent e)
    {
        lock (_gate)
        {
            return AppendLocked(e);
        }
    }

    public IReadOnlyList<LifecycleEvent> List(int limit)
    {
        lock (_gate)
        {
            return [.. _events.TakeLast(limit)];
        }
    }

    public void Dispose()
    {
    }

    private long AppendLocked(LifecycleEvent e)
    {
        var seq = _events.Count + 1L;
        _events.Add(e with { Seq = seq });
        return seq;
    }
}
