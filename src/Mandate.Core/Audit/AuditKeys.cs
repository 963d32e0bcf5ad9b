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
    private AuditKeys(CheckpointSigner signer, byte[] hmacKey)
    {
        Signer = signer;
        HmacKey = hmacKey;
    }

    public CheckpointSigner Signer { get; }

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
        CheckpointSigner signer;
        if (File.Exists(logKeyPath))
        {
            if (!CheckpointSigner.TryParse(File.ReadAllText(logKeyPath).Trim(), out var parsed, out var error))
            {
                throw new CryptographicException($"{logKeyPath} is not a valid signer key: {error}");
            }

            signer = parsed;
        }
        else
        {
            signer = CheckpointSigner.Generate(Origin(trustDomain));
            KeyFiles.WritePrivate(logKeyPath, signer.ExportSignerKey() + "\n");
        }

        var hmacPath = HmacKeyPath(home);
        byte[] hmac;
        if (File.Exists(hmacPath))
        {
            hmac = Convert.FromBase64String(File.ReadAllText(hmacPath).Trim());
        }
        else
        {
            hmac = RandomNumberGenerator.GetBytes(SecretRedactor.KeySize);
            KeyFiles.WritePrivate(hmacPath, Convert.ToBase64String(hmac) + "\n");
        }

        return new AuditKeys(signer, hmac);
    }

    /// <summary>Keys that live only in memory (tests, benchmarks).</summary>
    public static AuditKeys Ephemeral(string trustDomain) =>
        new(CheckpointSigner.Generate(Origin(trustDomain)), RandomNumberGenerator.GetBytes(SecretRedactor.KeySize));

    public void Dispose() => Signer.Dispose();
}
