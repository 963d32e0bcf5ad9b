using Mandate.Core.Audit;
using Mandate.Core.Leases;

namespace Mandate.Core.Storage;

/// <summary>Leases, each change committed together with its audit record (one transaction).</summary>
public interface ILeaseStore
{
    void Add(Lease lease, AuditRecord recorded);

    Lease? Find(string id);

    IReadOnlyList<Lease> List(LeaseFilter filter);

    /// <summary>Extends an active lease; false when it is no longer active.</summary>
    bool Renew(string id, DateTimeOffset expiresAt, AuditRecord recorded);

    /// <summary>Marks one lease revoked (after its provider revoked it); false when it already was.</summary>
    bool MarkRevoked(string id, DateTimeOffset at, string reason, AuditRecord recorded);
}
