using System.Security.Cryptography.X509Certificates;
using Mandate.Core.Errors;
using Mandate.Core.Identity;

namespace Mandate.Core.Svid;

/// <summary>
/// Verifies X.509-SVIDs and JWT-SVIDs against a trust bundle. Every failure is a value naming the
/// first check that failed; nothing here throws for a bad document.
/// </summary>
public sealed partial class SvidVerifier
{
    /// <summary>Clock skew tolerated on time claims, as for mandates (DESIGN.md §2).</summary>
    public static readonly TimeSpan Skew = TimeSpan.FromSeconds(60);

    private readonly TrustBundle _bundle;
    private readonly TimeProvider _time;

    public SvidVerifier(TrustBundle bundle, TimeProvider time)
    {
        _bundle = bundle;
        _time = time;
    }

    /// <summary>Verifies a PEM file's content (an X.509-SVID) or a compact JWT (a JWT-SVID).</summary>
    public Outcome<VerifiedSvid> Verify(string input, string? audience)
    {
        ArgumentNullException.ThrowIfNull(input);
        return input.Contains("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal)
            ? VerifyX509(input)
            : VerifyJwt(input.Trim(), audience);
    }

    public Outcome<VerifiedSvid> VerifyX509(string pem)
    {
        var chain = new X509Certificate2Collection();
        try
        {
            chain.ImportFromPem(pem);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return Fail(ErrorCodes.SvidMalformed, "the PEM certificate cannot be parsed");
        }

        if (chain.Count == 0)
        {
            return Fail(ErrorCodes.SvidMalformed, "no certificate found");
        }

        try
        {
            return VerifyLeaf(chain[0], chain);
        }
        catch (System.Formats.Asn1.AsnContentException)
        {
            // A subjectAltName that is not valid DER: a bad document, not a bug.
            return Fail(ErrorCodes.SvidMalformed, "the certificate's subjectAltName cannot be parsed");
        }
        finally
        {
            foreach (var c in chain)
            {
                c.Dispose();
            }
        }
    }

    private Outcome<VerifiedSvid> VerifyLeaf(X509Certificate2 leaf, X509Certificate2Collection presented)
    {
        var uris = SubjectAltNames.UriNames(leaf);
        if (uris.Count != 1)
        {
            return Fail(ErrorCodes.SvidInvalid, $"an X.509-SVID must have exactly one URI SAN; this one has {uris.Count}");
        }

        var id = SpiffeId.Parse(uris[0]);
        if (!id.IsSuccess)
        {
            return Fail(ErrorCodes.SvidInvalid, id.Error.Message);
        }

        if (id.Value.Path.Length == 0)
        {
            return Fail(ErrorCodes.SvidInvalid, "a leaf SVID's SPIFFE ID must have a path");
        }

        var basic = leaf.Extensions.OfType<X509BasicConstraintsExtension>().FirstOrDefault();
        if (basic is { CertificateAuthority: true })
        {
            return Fail(ErrorCodes.SvidInvalid, "a leaf SVID must not be a CA");
        }

        var usage = leaf.Extensions.OfType<X509KeyUsageExtension>().FirstOrDefault();
        if (usage is null || !usage.KeyUsages.HasFlag(X509KeyUsageFlags.DigitalSignature) ||
            usage.KeyUsages.HasFlag(X509KeyUsageFlags.KeyCertSign) || usage.KeyUsages.HasFlag(X509KeyUsageFlags.CrlSign))
        {
            return Fail(ErrorCodes.SvidInvalid, "a leaf SVID's key usage must include digitalSignature and not keyCertSign or cRLSign");
        }

        if (!string.Equals(id.Value.TrustDomain.Name, _bundle.TrustDomain.Name, StringComparison.Ordinal))
        {
            return Fail(ErrorCodes.SvidUntrusted, $"the SVID belongs to trust domain '{id.Value.TrustDomain.Name}', not '{_bundle.TrustDomain.Name}'");
        }

        var now = _time.GetUtcNow();
        var notAfter = new DateTimeOffset(leaf.NotAfter.ToUniversalTime(), TimeSpan.Zero);
        var notBefore = new DateTimeOffset(leaf.NotBefore.ToUniversalTime(), TimeSpan.Zero);
        if (now > notAfter + Skew)
        {
            return Fail(ErrorCodes.SvidExpired, $"the SVID expired at {notAfter:u}");
        }

        if (now + Skew < notBefore)
        {
            return Fail(ErrorCodes.SvidNotYetValid, $"the SVID is not valid before {notBefore:u}");
        }

        using var builder = new X509Chain();
        builder.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        builder.ChainPolicy.CustomTrustStore.AddRange(_bundle.X509Authorities.ToArray());
        builder.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        // Times were judged above, with the skew a JWT-SVID gets; the chain is built at a moment inside the leaf's
        // validity so that a clock off by less than the skew is not reported as an untrusted chain.
        // (X509Chain counts a certificate as expired from its notAfter second on, hence the second before it.)
        var lastValid = notAfter - TimeSpan.FromSeconds(1);
        builder.ChainPolicy.VerificationTime = (now < notBefore ? notBefore : now > lastValid ? lastValid : now).UtcDateTime;
        builder.ChainPolicy.VerificationTimeIgnored = false;
        for (var i = 1; i < presented.Count; i++)
        {
            builder.ChainPolicy.ExtraStore.Add(presented[i]);
        }

        if (!builder.Build(leaf))
        {
            var status = builder.ChainStatus.Length > 0 ? builder.ChainStatus[0].Status.ToString() : "unknown";
            return Fail(ErrorCodes.SvidUntrusted, $"the certificate does not chain to the trust bundle ({status})");
        }

        return new VerifiedSvid("x509-svid", id.Value.ToString(), notAfter, []);
    }

    private static MandateError Fail(string code, string why) => new(
        code,
        $"SVID rejected: {why.TrimEnd('.')}.",
        code switch
        {
            ErrorCodes.SvidExpired => "Issue a fresh SVID with 'mandate svid'.",
            ErrorCodes.SvidNotYetValid => "Check that this machine's clock and the issuer's agree, or wait until the SVID's start time.",
            ErrorCodes.SvidWrongAudience => "Ask for a JWT-SVID issued for this audience ('mandate svid jwt --audience'), or check the --audience you passed.",
            _ => "Check that the SVID was issued by this trust domain and not altered.",
        });
}
