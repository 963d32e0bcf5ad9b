using System.Security.Cryptography;
using Mandate.Core.Leases;
using Mandate.Credentials.Leases;
using Mandate.Credentials.Ssh;

namespace Mandate.Credentials.Tests.Ssh;

internal static class SshTestData
{
    public const string Actor = "spiffe://acme.dev/agent/claude-code/webapp/session/s1";

    public static LeaseGrant Grant(DateTimeOffset issuedAt, TimeSpan ttl) => new(
        "lse_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)), Actor, "jane@acme.dev", "t-42", "mdt_x", issuedAt, issuedAt + ttl);

    public static LeaseRequest Request(string principal, string host = "db1.prod.acme.dev", string? publicKey = null, string? sourceAddress = null)
    {
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [SshProvider.PrincipalParameter] = principal,
            [SshProvider.HostParameter] = host,
        };
        if (publicKey is not null)
        {
            parameters[SshProvider.PublicKeyParameter] = publicKey;
        }

        if (sourceAddress is not null)
        {
            parameters[SshProvider.SourceAddressParameter] = sourceAddress;
        }

        return new LeaseRequest { Provider = SshProvider.ProviderName, Parameters = parameters };
    }

    public static Lease LeaseFor(LeaseGrant grant, IssuedCredential credential) => new()
    {
        Id = grant.LeaseId, Kind = "ssh", Provider = SshProvider.ProviderName, Capability = "ssh:login:x@y", Actor = grant.Actor,
        MandateJti = grant.MandateJti, HumanEmail = grant.HumanEmail, TaskId = grant.TaskId, IssuedAt = grant.IssuedAt,
        ExpiresAt = grant.ExpiresAt, Ttl = grant.ExpiresAt - grant.IssuedAt, MaxTtl = TimeSpan.FromHours(1), Details = credential.Details,
    };

    /// <summary>Writes the lease's key (generated, or the given one) and certificate as ssh expects them; returns (key, cert) paths.</summary>
    public static (string Key, string Certificate) WriteFiles(string directory, IssuedCredential credential, string? existingKey = null)
    {
        var key = existingKey ?? Path.Combine(directory, "id_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4)));
        if (existingKey is null)
        {
            SshTools.WritePrivate(key, credential.Secrets[SshProvider.PrivateKeySecret]);
        }

        var certificate = key + "-cert.pub";
        File.WriteAllText(certificate, credential.Secrets[SshProvider.CertificateSecret] + "\n");
        return (key, certificate);
    }
}
