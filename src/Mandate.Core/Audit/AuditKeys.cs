using System.Security.Cryptography;
using Mandate.Core.Home;

namespace Mandate.Core.Audit;

/// <summary>
/// The audit log's keys, kept in the home: the Ed25519 checkpoint key (<c>keys/log.key</c>) and the
/// HMAC key that redacts secrets (<c>keys/audit-hmac.key</c>). Homes made before the audit log get
/// them on first use.
/// </summary>
public sealed class AuditKeys : IDisposable
{
    private readonly Func<CheckpointSigner> _loadSigner;
    private CheckpointSigner? _signer;

    private AuditKeys(Func<CheckpointSigner> loadSigner, byte[] hmacKey)
    {
        _loadSigner = loadSigner;
        HmacKey = hmacKey;
    }

    private AuditKeys(CheckpointSigner signer, byte[] hmacKey)
        : this(() => signer, hmacKey) => _signer = signer;

    /// <summary>
    /// The checkpoint signer, made from its key on first use: a hook appends one record and signs a checkpoint
    /// once in a thousand, so it does not pay for the Ed25519 key (and libsodium's initialisation) on every call.
    /// </summary>
    public CheckpointSigner Signer => _signer ??= _loadSigner();

    public byte[] HmacKey { get; }

    /// <summary>The checkpoint origin line and key name: <c>&lt;td&gt;/mandate-audit</c>.</summary>
    public static string Origin(string trustDomain) => trustDomain + "/mandate-audit";

    public static string LogKeyPath(MandateHome home) => Path.Combine(home.KeysDirectory, "log.key");

    public static string HmacKeyPath(MandateHome home) => Path.Combine(home.KeysDirectory, "audit-hmac.key");

    /// <summary>Loads the keys, creating any that are missing (0600).</summary>
    public static AuditKeys LoadOrCreate(MandateHome home, string trustDomain)
    {
        ArgumentNullException.ThrowIfNull(home);
        var logKeyPath = LogKeyPath(home);
        Func<CheckpointSigner>? load = null;
        CheckpointSigner? created = null;
        if (File.Exists(logKeyPath))
        {
            // Read when the first checkpoint is signed (one append in a thousand), not by every hook process.
            load = () => CheckpointSigner.TryParse(File.ReadAllText(logKeyPath).Trim(), out var parsed, out var error)
                ? parsed
                : throw new CryptographicException($"{logKeyPath} is not a valid signer key: {error}");
        }
        else
        {
            created = CheckpointSigner.Generate(Origin(trustDomain));
            KeyFiles.WritePrivate(logKeyPath, created.ExportSignerKey() + "\n");
        }

        var hmacPath = HmacKeyPath(home);
        byte[] hmac;
        if (File.Exists(hmacPath))
        {
            hmac = Convert.FromBase64String(System.Text.Encoding.ASCII.GetString(File.ReadAllBytes(hmacPath)).Trim());
        }
        else
        {
            hmac = RandomNumberGenerator.GetBytes(SecretRedactor.KeySize);
            KeyFiles.WritePrivate(hmacPath, Convert.ToBase64String(hmac) + "\n");
        }

        return created is null ? new AuditKeys(load!, hmac) : new AuditKeys(created, hmac);
    }

    /// <summary>Keys that live only in memory (tests, benchmarks).</summary>
    public static AuditKeys Ephemeral(string trustDomain) =>
        new(CheckpointSigner.Generate(Origin(trustDomain)), RandomNumberGenerator.GetBytes(SecretRedactor.KeySize));

    public void Dispose() => _signer?.Dispose();
}
