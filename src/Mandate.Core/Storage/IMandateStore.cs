using Mandate.Core.Audit;

namespace Mandate.Core.Storage;

/// <summary>The store behind one trust domain: SQLite embedded, PostgreSQL in server mode.</summary>
public interface IMandateStore : IDisposable
{
    IAgentStore Agents { get; }

    IAuditLog Audit { get; }

    IMandateRecordStore Mandates { get; }

    ILeaseStore Leases => throw new NotSupportedException("This store keeps no leases.");

    ISecretStore Secrets => throw new NotSupportedException("This store keeps no static secrets.");

    IProviderStore Providers => throw new NotSupportedException("This store keeps no credential providers.");
}
