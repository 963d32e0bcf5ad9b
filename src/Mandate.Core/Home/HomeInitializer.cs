using Mandate.Core.Audit;
using Mandate.Core.Errors;
using Mandate.Core.Identity;
using Mandate.Core.Jose;
using Mandate.Core.Storage;
using Mandate.Core.Svid;

namespace Mandate.Core.Home;

/// <summary><c>mandate init</c>: creates a home with its store, CA, JWT key and config.</summary>
public sealed class HomeInitializer
{
    /// <summary>The root CA's lifetime; SVIDs never outlive it.</summary>
    public static readonly TimeSpan CaLifetime = TimeSpan.FromDays(3650);

    private readonly TimeProvider _time;
    private readonly Func<string, AuditKeys, IMandateStore> _openStore;

    public HomeInitializer(TimeProvider time, Func<string, AuditKeys, IMandateStore> openStore)
    {
        _time = time;
        _openStore = openStore;
    }

    /// <summary>The result: where the home is, and where an existing one was moved to with --force.</summary>
    public sealed record Result(MandateHome Home, TrustDomain TrustDomain, string CaFingerprint, string JwtKid, string? PreviousHomeMovedTo);

    public Outcome<Result> Init(MandateHome home, string trustDomainName, bool force, string actor)
    {
        ArgumentNullException.ThrowIfNull(home);
        var td = TrustDomain.Parse(trustDomainName);
        if (!td.IsSuccess)
        {
            return td.Error;
        }

        if (File.Exists(home.Root))
        {
            return new MandateError(
                ErrorCodes.HomeExists,
                $"{home.Root} is a file, not a Mandate home folder.",
                "Point MANDATE_HOME (or --home) at a folder, or move the file away.");
        }

        string? movedTo = null;
        if (Directory.Exists(home.Root) && Directory.EnumerateFileSystemEntries(home.Root).Any())
        {
            if (!force)
            {
                return new MandateError(
                    ErrorCodes.HomeExists,
                    $"A Mandate home already exists at {home.Root}.",
                    "Use it as it is, point MANDATE_HOME elsewhere, or pass --force to set it aside and start a new trust domain.");
            }

            // Nothing is deleted: the old home, its keys and its records are moved aside.
            movedTo = $"{home.Root}.replaced-{_time.GetUtcNow():yyyyMMddTHHmmssfffZ}";
            Directory.Move(home.Root, movedTo);
        }

        KeyFiles.CreatePrivateDirectory(home.Root);
        KeyFiles.CreatePrivateDirectory(home.KeysDirectory);
        using var ca = CertificateAuthority.Create(td.Value, _time.GetUtcNow(), CaLifetime);
        using var jwt = SigningKey.Generate();
        KeyFiles.WritePrivate(home.CaKeyPath, ca.ExportKeyPem() + "\n");
        KeyFiles.WritePublic(home.CaCertificatePath, ca.ExportCertificatePem() + "\n");
        KeyFiles.WritePrivate(home.JwtKeyPath, jwt.ExportPrivateKeyPem() + "\n");

        using (var keys = AuditKeys.LoadOrCreate(home, td.Value.Name))
        using (var store = _openStore(home.DatabasePath, keys))
        {
            store.Audit.Append(new AuditRecord
            {
                Time = _time.GetUtcNow(),
                Kind = AuditKinds.Admin,
                Event = "trust_domain.init",
                Actor = new AuditActor(actor),
                Resource = td.Value.IdString,
                Details = new Dictionary<string, string?>
                {
                    ["ca_sha256"] = ca.Certificate.GetCertHashString(System.Security.Cryptography.HashAlgorithmName.SHA256),
                    ["jwt_kid"] = jwt.Kid,
                    ["log_key"] = keys.Signer.VerifierKey.ToString(),
                    ["previous_home"] = movedTo,
                },
            });
        }

        // The config is written last: its presence marks a complete home.
        home.SaveConfig(new MandateConfig { TrustDomain = td.Value.Name });
        return new Result(home, td.Value, ca.Certificate.GetCertHashString(System.Security.Cryptography.HashAlgorithmName.SHA256), jwt.Kid, movedTo);
    }
}
