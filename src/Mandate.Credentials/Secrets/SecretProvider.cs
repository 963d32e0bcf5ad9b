using Mandate.Core.Errors;
using Mandate.Core.Leases;
using Mandate.Credentials.Leases;

namespace Mandate.Credentials.Secrets;

/// <summary>
/// Releases a static secret as a lease: capability <c>secret:read:&lt;name&gt;</c>, request parameter <c>name</c>. The
/// value is the lease's one secret, keyed by the name; <c>env</c> in its details is the environment variable
/// <c>mandate run</c> puts it in. A static value cannot be taken back once released, so revocation only ends the lease:
/// rotate the secret if the agent must lose it.
/// </summary>
public sealed class SecretProvider : ILeaseProvider
{
    public const string KindName = "secret";

    /// <summary>The provider name leases of static secrets carry: there is one vault per home.</summary>
    public const string VaultName = "vault";

    public const string NameParameter = "name";

    private readonly SecretVault _vault;

    public SecretProvider(SecretVault vault, TimeSpan? maxTtl = null)
    {
        ArgumentNullException.ThrowIfNull(vault);
        _vault = vault;
        MaxTtl = maxTtl ?? LeaseService.DefaultMaxTtl;
    }

    public string Kind => KindName;

    public TimeSpan MaxTtl { get; }

    public static LeaseRequest Request(string name, TimeSpan? ttl = null) => new()
    {
        Provider = VaultName,
        Parameters = new Dictionary<string, string>(StringComparer.Ordinal) { [NameParameter] = name },
        Ttl = ttl,
    };

    public string Capability(LeaseRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return SecretVault.Capability(request.Parameters.GetValueOrDefault(NameParameter) ?? "");
    }

    public Outcome<IssuedCredential> Issue(LeaseRequest request, LeaseGrant grant)
    {
        ArgumentNullException.ThrowIfNull(request);
        var name = request.Parameters.GetValueOrDefault(NameParameter) ?? "";
        var value = _vault.Reveal(name);
        if (!value.IsSuccess)
        {
            return value.Error;
        }

        return new IssuedCredential(
            new Dictionary<string, string>(StringComparer.Ordinal) { ["secret"] = name, ["env"] = EnvironmentName(name) },
            new Dictionary<string, string>(StringComparer.Ordinal) { [name] = value.Value });
    }

    /// <summary>Nothing to extend at the source: a static secret has no expiry of its own.</summary>
    public Outcome<bool> Renew(Lease lease, DateTimeOffset expiresAt) => true;

    /// <summary>Nothing to end at the source (see the class remarks).</summary>
    public Outcome<bool> Revoke(Lease lease) => true;

    /// <summary><c>prod/db/password</c> → <c>PROD_DB_PASSWORD</c>: upper case, anything but letters and digits an underscore.</summary>
    public static string EnvironmentName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var chars = name.Select(c => char.IsAsciiLetterOrDigit(c) ? char.ToUpperInvariant(c) : '_').ToArray();
        var env = new string(chars);
        return env.Length > 0 && char.IsAsciiDigit(env[0]) ? "_" + env : env;
    }
}
