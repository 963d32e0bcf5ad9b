namespace Mandate.Credentials.Leases;

/// <summary>
/// A credential a provider created. <see cref="Details"/> are stored with the lease (not secret: role name,
/// certificate serial); <see cref="Secrets"/> go to the caller only and are registered with the audit log's
/// redactor, never stored or logged.
/// </summary>
public sealed record IssuedCredential(
    IReadOnlyDictionary<string, string> Details,
    IReadOnlyDictionary<string, string> Secrets);
