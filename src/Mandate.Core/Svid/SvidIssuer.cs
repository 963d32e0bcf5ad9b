using System.Security.Cryptography;
using Mandate.Core.Errors;
using Mandate.Core.Identity;
using Mandate.Core.Jose;

namespace Mandate.Core.Svid;

/// <summary>Signs X.509-SVIDs and JWT-SVIDs for a SPIFFE ID of the authority's trust domain.</summary>
public sealed class SvidIssuer
{
    private readonly Authority _authority;
    private readonly TimeProvider _time;

    public SvidIssuer(Authority authority, TimeProvider time)
    {
        _authority = authority;
        _time = time;
    }

    public X509Svid IssueX509(SpiffeId id, TimeSpan ttl)
    {
        ArgumentNullException.ThrowIfNull(id);
        var now = _time.GetUtcNow();
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var (pem, serial, notAfter) = _authority.Ca.SignLeaf(id, key.ExportSubjectPublicKeyInfo(), now, now + ttl);
        return new X509Svid(id.ToString(), pem + "\n", key.ExportPkcs8PrivateKeyPem() + "\n", _authority.Ca.ExportCertificatePem() + "\n", serial, notAfter);
    }

    /// <summary>A JWT-SVID (JWT-SVID spec §3): header alg ES256, kid, typ JWT; claims sub, aud, exp, iat, jti.</summary>
    public Outcome<JwtSvid> IssueJwt(SpiffeId id, string audience, TimeSpan ttl)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (string.IsNullOrWhiteSpace(audience))
        {
            return new MandateError(ErrorCodes.AudienceMissing, "A JWT-SVID needs an audience.", "Pass --audience <who will receive the token>, e.g. --audience https://api.acme.dev.");
        }

        var now = _time.GetUtcNow();
        var iat = now.ToUnixTimeSeconds();
        var exp = (now + ttl).ToUnixTimeSeconds();
        var jti = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var token = JwsWriter.Sign(_authority.JwtKey, "JWT", w =>
        {
            w.WriteString("sub", id.ToString());
            w.WriteString("aud", audience);
            w.WriteNumber("exp", exp);
            w.WriteNumber("iat", iat);
            w.WriteString("jti", jti);
        });
        return new JwtSvid(id.ToString(), token, audience, jti, DateTimeOffset.FromUnixTimeSeconds(exp));
    }
}
