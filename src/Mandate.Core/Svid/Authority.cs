using Mandate.Core.Errors;
using Mandate.Core.Home;
using Mandate.Core.Identity;
using Mandate.Core.Jose;

namespace Mandate.Core.Svid;

/// <summary>The trust domain's signing keys, loaded from its home.</summary>
public sealed class Authority : IDisposable
{
    public Authority(TrustDomain trustDomain, CertificateAuthority ca, SigningKey jwtKey)
    {
        TrustDomain = trustDomain;
        Ca = ca;
        JwtKey = jwtKey;
    }

    public TrustDomain TrustDomain { get; }

    public CertificateAuthority Ca { get; }

    public SigningKey JwtKey { get; }

    public TrustBundle Bundle(long sequence) => new(TrustDomain, [Ca.Certificate], [JwtKey], sequence);

    public static Outcome<Authority> Load(MandateHome home, Settings settings)
    {
        ArgumentNullException.ThrowIfNull(home);
        ArgumentNullException.ThrowIfNull(settings);
        try
        {
            var ca = CertificateAuthority.Load(File.ReadAllText(home.CaCertificatePath), File.ReadAllText(home.CaKeyPath));
            var jwt = SigningKey.FromPem(File.ReadAllText(home.JwtKeyPath));
            return new Authority(settings.TrustDomain, ca, jwt);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException or ArgumentException)
        {
            return new MandateError(
                ErrorCodes.HomeCorrupt,
                $"The signing keys in {home.KeysDirectory} cannot be loaded ({e.GetType().Name}).",
                "Check the files' permissions, or re-create the home with 'mandate init --force' (this rotates every key).");
        }
    }

    public void Dispose()
    {
        Ca.Dispose();
        JwtKey.Dispose();
    }
}
