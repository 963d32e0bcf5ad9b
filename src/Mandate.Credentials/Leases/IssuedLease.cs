using Mandate.Core.Leases;

namespace Mandate.Credentials.Leases;

/// <summary>
/// A lease just issued, with its secrets (password, token…). The secrets go to the caller only: they are
/// registered with the audit log's redactor and never stored.
/// </summary>
public sealed record IssuedLease(Lease Lease, IReadOnlyDictionary<string, string> Secrets);
