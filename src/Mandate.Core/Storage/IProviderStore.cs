using Mandate.Core.Audit;

namespace Mandate.Core.Storage;

/// <summary>Registered credential providers (a PostgreSQL server…), their configuration sealed by the caller.</summary>
public interface IProviderStore
{
    /// <summary>Adds a provider with its audit record (one transaction); false, and nothing written, when the name is taken.</summary>
    bool Add(StoredProvider provider, AuditRecord recorded);

    StoredProvider? Find(string name);

    /// <summary>Every provider, by name.</summary>
    IReadOnlyList<StoredProvider> List();
}
