using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Mandate.Core.Svid;

namespace Mandate.Core.Tests.Svid;

/// <summary>The SPIFFE bundle (Trust Domain and Bundle spec §4): a JWKS with use, x5c for X.509 authorities, kid for JWT keys, spiffe_sequence.</summary>
public sealed class TrustBundleTests : IDisposable
{
    private readonly Authority _authority = TestAuthority.Create("acme.dev", TestAuthority.Start);

    public void Dispose() => _authority.Dispose();

    [Fact]
    public void ToJwks_HasX509AuthorityWithX5cAndNoKid_JwtKeyWithKid_AndSequence()
    {
        using var doc = JsonDocument.Parse(_authority.Bundle(7).ToJwks(TimeSpan.FromMinutes(5)));
        var root = doc.RootElement;
        var keys = root.GetProperty("keys").EnumerateArray().ToList();

        Assert.Equal(7, root.GetProperty("spiffe_sequence").GetInt64());
        Assert.Equal(300, root.GetProperty("spiffe_refresh_hint").GetInt64());
        var x509 = Assert.Single(keys, k => k.GetProperty("use").GetString() == "x509-svid");
        var jwt = Assert.Single(keys, k => k.GetProperty("use").GetString() == "jwt-svid");
        Assert.Equal(2, keys.Count);

        Assert.False(x509.TryGetProperty("kid", out _));
        var x5c = Assert.Single(x509.GetProperty("x5c").EnumerateArray());
        using var ca = X509CertificateLoader.LoadCertificate(Convert.FromBase64String(x5c.GetString()!));
        Assert.Equal(_authority.Ca.Certificate.Thumbprint, ca.Thumbprint);
        Assert.Equal("EC", x509.GetProperty("kty").GetString());
        Assert.Equal("P-256", x509.GetProperty("crv").GetString());

        Assert.Equal(_authority.JwtKey.Kid, jwt.GetProperty("kid").GetString());
        Assert.False(jwt.TryGetProperty("x5c", out _));
        Assert.False(jwt.TryGetProperty("d", out _));
        Assert.Equal("EC", jwt.GetProperty("kty").GetString());
        Assert.Equal("P-256", jwt.GetProperty("crv").GetString());
        Assert.Equal(43, jwt.GetProperty("x").GetString()!.Length);
        Assert.Equal(43, jwt.GetProperty("y").GetString()!.Length);
    }

    [Fact]
    public void ParseJwks_RoundTripsTheKeys()
    {
        var parsed = TrustBundle.Parse(_authority.TrustDomain, _authority.Bundle(3).ToJwks(TimeSpan.FromMinutes(5)));

        Assert.Equal(3, parsed.Sequence);
        Assert.Equal(_authority.Ca.Certificate.Thumbprint, Assert.Single(parsed.X509Authorities).Thumbprint);
        Assert.Equal(_authority.JwtKey.Kid, Assert.Single(parsed.JwtKeys).Kid);
    }

    [Fact]
    public void ToPem_HoldsOnlyTheCaCertificate()
    {
        var pem = _authority.Bundle(1).ToPem();

        var certificates = new X509Certificate2Collection();
        certificates.ImportFromPem(pem);
        Assert.Equal(_authority.Ca.Certificate.Thumbprint, Assert.Single(certificates).Thumbprint);
        Assert.DoesNotContain("PRIVATE", pem, StringComparison.Ordinal);
    }
}
