using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Mandate.Core.Errors;
using Mandate.Core.Svid;
using Microsoft.Extensions.Time.Testing;

namespace Mandate.Core.Tests.Svid;

/// <summary>JWT-SVID issuance against the SPIFFE JWT-SVID spec §2–§3.</summary>
public sealed class JwtSvidIssuanceTests : IDisposable
{
    private const string AgentId = "spiffe://acme.dev/agent/claude-code/webapp";
    private readonly FakeTimeProvider _time = new(TestAuthority.Start);
    private readonly Authority _authority = TestAuthority.Create("acme.dev", TestAuthority.Start);

    public void Dispose() => _authority.Dispose();

    [Fact]
    public void Issue_Header_IsES256WithKidAndTypJwt_AndNothingElse()
    {
        var token = Issue("https://api.acme.dev", TimeSpan.FromMinutes(5)).Token;

        using var header = JsonDocument.Parse(JwtForge.DecodePart(JwtForge.Parts(token)[0]));
        var members = header.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString());
        Assert.Equal(3, members.Count);
        Assert.Equal("ES256", members["alg"]);
        Assert.Equal(_authority.JwtKey.Kid, members["kid"]);
        Assert.Equal("JWT", members["typ"]);
    }

    [Fact]
    public void Issue_Claims_AreSubAudExpIat()
    {
        _time.Advance(TimeSpan.FromSeconds(42));
        var svid = Issue("https://api.acme.dev", TimeSpan.FromMinutes(5));

        using var payload = JsonDocument.Parse(JwtForge.DecodePart(JwtForge.Parts(svid.Token)[1]));
        var claims = payload.RootElement;
        var now = _time.GetUtcNow();
        Assert.Equal(AgentId, claims.GetProperty("sub").GetString());
        Assert.Equal("https://api.acme.dev", claims.GetProperty("aud").GetString());
        Assert.Equal(now.ToUnixTimeSeconds(), claims.GetProperty("iat").GetInt64());
        Assert.Equal((now + TimeSpan.FromMinutes(5)).ToUnixTimeSeconds(), claims.GetProperty("exp").GetInt64());
        Assert.Equal(32, claims.GetProperty("jti").GetString()!.Length);
        Assert.Equal(now + TimeSpan.FromMinutes(5), svid.ExpiresAt);
        Assert.Equal(AgentId, svid.SpiffeId);
    }

    [Fact]
    public void Issue_SignatureIsAnES256SignatureByTheJwtKey()
    {
        var parts = JwtForge.Parts(Issue("https://api.acme.dev", TimeSpan.FromMinutes(5)).Token);

        using var key = ECDsa.Create();
        key.ImportFromPem(_authority.JwtKey.ExportPublicKeyPem());
        var signature = Base64Url.DecodeFromChars(parts[2]);
        Assert.Equal(64, signature.Length);
        Assert.True(key.VerifyData(
            Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));
    }

    [Fact]
    public void Issue_EachTokenHasItsOwnJti()
    {
        var a = Issue("aud", TimeSpan.FromMinutes(5));
        var b = Issue("aud", TimeSpan.FromMinutes(5));

        Assert.NotEqual(a.Jti, b.Jti);
        Assert.NotEqual(a.Token, b.Token);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void Issue_WithoutAudience_IsRefused(string audience)
    {
        var result = new SvidIssuer(_authority, _time).IssueJwt(TestAuthority.Id(AgentId), audience, TimeSpan.FromMinutes(5));

        Assert.Equal(ErrorCodes.AudienceMissing, result.Error?.Code);
    }

    [Fact]
    public void Kid_IsTheRfc7638Thumbprint()
    {
        // RFC 7638 §3: SHA-256 over {"crv","kty","x","y"} in that order, no whitespace.
        var jwk = JsonDocument.Parse(_authority.Bundle(1).ToJwks(TimeSpan.FromMinutes(5))).RootElement
            .GetProperty("keys").EnumerateArray().Single(k => k.GetProperty("use").GetString() == "jwt-svid");
        var canonical = $$"""{"crv":"P-256","kty":"EC","x":"{{jwk.GetProperty("x").GetString()}}","y":"{{jwk.GetProperty("y").GetString()}}"}""";

        Assert.Equal(Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes(canonical))), _authority.JwtKey.Kid);
    }

    private JwtSvid Issue(string audience, TimeSpan ttl)
    {
        var result = new SvidIssuer(_authority, _time).IssueJwt(TestAuthority.Id(AgentId), audience, ttl);
        Assert.True(result.IsSuccess, result.Error?.Message);
        return result.Value;
    }
}
