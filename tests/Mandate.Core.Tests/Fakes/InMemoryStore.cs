using Mandate.Core.Agents;
using Mandate.Core.Audit;
using Mandate.Core.Storage;

namespace Mandate.Core.Tests.Fakes;

/// <summary>
/// A small in-memory <see cref="IMandateStore"/> for Core's tests, which cannot reference the SQLite
/// provider. It keeps the contract that matters here: a change and its audit record are recorded together.
/// </summary>
internal sealed class InMemoryStore : IMandateStore, IAgentStore, IAuditLog
{
    private readonly Lock _gate = new();
    private readonly List<Agent> _agents = [];
    private readonly List<AuditRecord> _events = [];

    public IAgentStore Agents => this;

    public IAuditLog Audit => this;

    public IMandateRecordStore Mandates => throw new NotSupportedException("Core's tests of mandates use the SQLite store's tests.");

    public long Size => AllEvents.Count;

    public NoteVerifierKey VerifierKey => throw new NotSupportedException("Core's tests do not sign checkpoints.");

    public IMerkleHashSource Nodes => throw new NotSupportedException("Core's tests do not build proofs.");

    public IReadOnlyList<AuditRecord> AllEvents
    {
        get
        {
            lock (_gate)
            {
                return [.. _events];
            }
        }
    }

    public void Add(Agent agent, AuditRecord recorded)
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

    public bool Revoke(AgentId id, DateTimeOffset at, string reason, AuditRecord recorded)
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

    public long Append(AuditRecord record)
    {
        lock (_gate)
        {
            return AppendLocked(record);
        }
    }

    public IReadOnlyList<long> AppendBatch(IReadOnlyList<AuditRecord> records) => [.. records.Select(Append)];

    public StoredRecord? Get(long seq) => throw new NotSupportedException("Core's tests read AllEvents.");

    public IReadOnlyList<StoredRecord> Query(AuditQuery query) => throw new NotSupportedException("Core's tests read AllEvents.");

    public IEnumerable<StoredRecord> ReadFrom(long fromSeq) => throw new NotSupportedException("Core's tests read AllEvents.");

    public string CreateCheckpoint() => throw new NotSupportedException("Core's tests do not sign checkpoints.");

    public IReadOnlyList<StoredCheckpoint> Checkpoints() => [];

    /// <summary>A record's details as JSON text, for assertions on what was (and was not) recorded.</summary>
    public static string Data(AuditRecord record) => record.ToJson(0).ToJsonString();

    public void Dispose()
    {
    }

    private long AppendLocked(AuditRecord record)
    {
        _events.Add(record);
        return _events.Count;
    }
}
