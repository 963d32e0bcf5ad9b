using System.Globalization;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Mandate.Core.Errors;
using Mandate.Core.Leases;
using Mandate.Credentials.Leases;
using NSec.Cryptography;

namespace Mandate.Credentials.Ssh;

/// <summary>
/// Leases OpenSSH user certificates signed by the trust domain's SSH CA (kind <c>ssh</c>, capability
/// <c>ssh:login:&lt;principal&gt;@&lt;host&gt;</c>). Parameters: <c>principal</c>, <c>host</c>, and optionally
/// <c>public_key</c> (the user's public key line; without it an Ed25519 key pair is generated for the lease and its
/// private key returned as a secret) and <c>source_address</c> (overrides the configured one).
/// Certificates cannot be extended: renewing means leasing a new one. Revoking adds the serial to the KRL.
/// </summary>
public sealed partial class SshProvider : ILeaseProvider
{
    public const string ProviderName = "ssh-ca";
    public const string PrincipalParameter = "principal";
    public const string HostParameter = "host";
    public const string PublicKeyParameter = "public_key";
    public const string SourceAddressParameter = "source_address";
    public const string CertificateSecret = "certificate";
    public const string PrivateKeySecret = "private_key";

    /// <summary>valid_after is this far before the issue time, so a server whose clock is a little behind accepts the certificate.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(60);

    private readonly SshCertificateAuthority _ca;
    private readonly SshOptions _options;
    private readonly SshRevocationList _revocations;

    public SshProvider(SshCertificateAuthority ca, SshOptions options, SshRevocationList revocations)
    {
        _ca = ca;
        _options = options;
        _revocations = revocations;
    }

    public string Kind => "ssh";

    /// <summary>Certificates are for minutes of work; an hour at most.</summary>
    public TimeSpan MaxTtl => TimeSpan.FromHours(1);

    public string Capability(LeaseRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return $"ssh:login:{Parameter(request, PrincipalParameter)}@{Parameter(request, HostParameter).ToLowerInvariant()}";
    }

    public Outcome<IssuedCredential> Issue(LeaseRequest request, LeaseGrant grant)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(grant);
        var principal = Parameter(request, PrincipalParameter);
        var host = Parameter(request, HostParameter).ToLowerInvariant();
        var problems = new List<string>();
        if (!PrincipalPattern().IsMatch(principal))
        {
            problems.Add($"principal '{principal}' is not a user name (letters, digits, '_', '.', '-'; at most 64)");
        }

        if (!HostPattern().IsMatch(host))
        {
            problems.Add($"host '{host}' is not a host name (labels of a-z, 0-9, '-', '_')");
        }

        var sourceAddress = request.Parameters.TryGetValue(SourceAddressParameter, out var s) && s.Length > 0 ? s : _options.SourceAddress;
        if (sourceAddress is not null && !SshCertificateAuthority.IsValidSourceAddress(sourceAddress))
        {
            problems.Add("source_address is not a comma-separated list of IP addresses or CIDR blocks");
        }

        if (problems.Count > 0)
        {
            return new MandateError(
                ErrorCodes.SshRequestInvalid,
                $"The SSH certificate request has {problems.Count} problem(s): {string.Join("; ", problems)}.",
                "Pass --principal <user> --host <host.name> [--source-address <cidr>].");
        }

        string? privateKey = null;
        SshPublicKey subject;
        if (request.Parameters.TryGetValue(PublicKeyParameter, out var line) && !string.IsNullOrWhiteSpace(line))
        {
            var parsed = SshPublicKey.Parse(line);
            if (!parsed.IsSuccess)
            {
                return parsed.Error;
            }

            subject = parsed.Value;
        }
        else
        {
            (subject, privateKey) = GenerateKey("mandate-" + grant.LeaseId);
        }

        var certificate = _ca.Issue(new SshCertificateRequest
        {
            SubjectKey = subject,
            KeyId = KeyId(grant),
            Principals = [principal],
            ValidAfter = grant.IssuedAt - ClockSkew,
            ValidBefore = grant.ExpiresAt,
            SourceAddress = sourceAddress,
            ForceCommand = _options.ForceCommand,
        });
        if (!certificate.IsSuccess)
        {
            return certificate.Error;
        }

        var cert = certificate.Value;
        var details = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["serial"] = cert.Serial.ToString(CultureInfo.InvariantCulture),
            ["key_id"] = cert.KeyId,
            ["principal"] = principal,
            ["host"] = host,
            ["certificate_type"] = cert.Type,
            ["key_fingerprint"] = subject.Fingerprint,
        };
        if (sourceAddress is not null)
        {
            details["source_address"] = sourceAddress;
        }

        var secrets = new Dictionary<string, string>(StringComparer.Ordinal) { [CertificateSecret] = cert.ToLine(grant.LeaseId) };
        if (privateKey is not null)
        {
            secrets[PrivateKeySecret] = privateKey;
        }

        return new IssuedCredential(details, secrets);
    }

    /// <summary>A certificate's validity is signed into it: it cannot be extended, only replaced by a new lease.</summary>
    public Outcome<bool> Renew(Lease lease, DateTimeOffset expiresAt) => false;

    public Outcome<bool> Revoke(Lease lease)
    {
        ArgumentNullException.ThrowIfNull(lease);
        if (!lease.Details.TryGetValue("serial", out var text)
            || !ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var serial) || serial == 0)
        {
            return new MandateError(
                ErrorCodes.SshRevocationFailed,
                $"Lease {lease.Id} records no certificate serial, so its certificate cannot be put on the revocation list.",
                "The certificate still expires at the lease's expiry; report this lease, its record is incomplete.");
        }

        _revocations.Revoke(serial);
        return true;
    }

    /// <summary><c>mandate:&lt;lease&gt; agent=&lt;actor&gt; human=&lt;email&gt; task=&lt;task&gt;</c>: what sshd logs for every login.</summary>
    public static string KeyId(LeaseGrant grant)
    {
        ArgumentNullException.ThrowIfNull(grant);
        return $"mandate:{grant.LeaseId} agent={grant.Actor} human={grant.HumanEmail} task={grant.TaskId}";
    }

    /// <summary>A fresh Ed25519 key pair: the public key, and the private key in OpenSSH format.</summary>
    public static (SshPublicKey PublicKey, string PrivateKey) GenerateKey(string comment)
    {
        var parameters = new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport };
        using var key = Key.Create(SignatureAlgorithm.Ed25519, in parameters);
        var publicKey = key.PublicKey.Export(KeyBlobFormat.RawPublicKey);
        var seed = key.Export(KeyBlobFormat.RawPrivateKey);
        try
        {
            return (SshPublicKey.FromEd25519(publicKey, comment), OpenSshPrivateKey.WriteEd25519(seed, publicKey, comment));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(seed);
        }
    }

    private static string Parameter(LeaseRequest request, string name) =>
        request.Parameters.TryGetValue(name, out var value) ? value.Trim() : "";

    [GeneratedRegex("^[A-Za-z0-9_][A-Za-z0-9_.-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex PrincipalPattern();

    [GeneratedRegex("^[a-z0-9_-]+(\\.[a-z0-9_-]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex HostPattern();
}
