using Mandate.Core.Audit;

namespace Mandate.Core.Storage;

/// <summary>Issued mandates and their revocations; each change commits with its audit record.</summary>
public interface IMandateRecordStore
{
    void Add(MandateRecord mandate, AuditRecord recorded);

    MandateRecord? Find(string jti);

    IReadOnlyList<MandateRecord> List(MandateFilter filter);

    bool IsRevoked(string jti);

    /// <summary>
    /// Revokes every unrevoked mandate matching <paramref name="filter"/> and every mandate
    /// delegated from them, at any depth, in one transaction with one audit record each (built by
    /// <paramref name="record"/>). Returns what was revoked.
    /// </summary>
    IReadOnlyList<MandateRecord> Revoke(MandateFilter filter, DateTimeOffset at, string reason, Func<MandateRecord, AuditRecord> record);
}
