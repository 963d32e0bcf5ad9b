using Mandate.Core.Errors;
using Mandate.Core.Svid;
using Microsoft.Extensions.Time.Testing;

namespace Mandate.Core.Tests.Svid;

/// <summary>
/// JWT-SVID verification: every rejection in its own test. Malformed tokens are written by hand
/// (base64url of JSON written here) and signed with the trust domain's real key, so each test fails
/// for the one reason it names.
/// </summary>
public sealed class SvidVerifierJwtTests : IDisposable
{
    private const string Sub = "spiffe://acme.dev/agent/claude-code/webapp";
    private const string Aud = "https://api.acme.dev";
    private readonly FakeTimeProvider _time = new(TestAuthority.Start);
    private readonly Authority _authority = TestAuthority.Create("acme.dev", TestAuthority.Start);

    public void Dispose() => _authority.Dispose();

    private DateTimeOffset Now => _time.GetUtcNow();

    [Fact]
    public void Verify_IssuedToken_IsAccepted()
    {
        var svid = Issue(TimeSpan.FromMinutes(5));

        var result = Verifier().Verify(svid.Token, Aud);

        Assert.True(result.IsSuccess, result.Error?.Message);
        Assert.Equal("jwt-svid", result.Value.Kind);
        Assert.Equal(Sub, result.Value.SpiffeId);
        Assert.Equal(svid.ExpiresAt, result.Value.ExpiresAt);
        Assert.Equal([Aud], result.Value.Audience);
    }

    [Fact]
    public void Verify_HandForgedWellFormedToken_IsAccepted()
    {
        // The control for every hand-made token below: the forge itself produces valid tokens.
        var token = JwtForge.Sign(_authority.JwtKey, JwtForge.Header(_authority.JwtKey), JwtForge.Claims(Sub, Aud, Now, Now.AddMinutes(5)));

        var result = Verifier().Verify(token, Aud);

        Assert.True(result.IsSuccess, result.Error?.Message);
    }

    [Fact]
    public void Verify_AudienceArrayContainingTheAudience_IsAccepted()
    {
        var token = Forge(JwtForge.Header(_authority.JwtKey),
            $$"""{"sub":"{{Sub}}","aud":["other","{{Aud}}"],"exp":{{Now.AddMinutes(5).ToUnixTimeSeconds()}}}""");

        var result = Verifier().Verify(token, Aud);

        Assert.True(result.IsSuccess, result.Error?.Message);
        Assert.Equal(["other", Aud], result.Value.Audience);
    }

    [Fact]
    public void Verify_ExpiredJwt_IsRejected()
    {
        var svid = Issue(TimeSpan.FromMinutes(5));
        _time.Advance(TimeSpan.FromMinutes(5) + SvidVerifier.Skew + TimeSpan.FromSeconds(1));

        AssertRejected(Verifier().Verify(svid.Token, Aud), ErrorCodes.SvidExpired, "expired");
    }

    [Fact]
    public void Verify_JustExpiredWithinTheSkew_IsStillAccepted()
    {
        var svid = Issue(TimeSpan.FromMinutes(5));
        _time.Advance(TimeSpan.FromMinutes(5) + SvidVerifier.Skew);

        Assert.True(Verifier().Verify(svid.Token, Aud).IsSuccess);
    }

    [Fact]
    public void Verify_NotYetValidJwt_IsRejected()
    {
        var issuedLater = new FakeTimeProvider(Now + TimeSpan.FromMinutes(10));
        var token = new SvidIssuer(_authority, issuedLater).IssueJwt(TestAuthority.Id(Sub), Aud, TimeSpan.FromMinutes(5)).Value.Token;

        AssertRejected(Verifier().Verify(token, Aud), ErrorCodes.SvidNotYetValid, "not valid before");
    }

    [Fact]
    public void Verify_NbfInTheFuture_IsRejected()
    {
        var token = Forge(JwtForge.Header(_authority.JwtKey),
            $$"""{"sub":"{{Sub}}","aud":"{{Aud}}","exp":{{Now.AddMinutes(30).ToUnixTimeSeconds()}},"nbf":{{Now.AddMinutes(10).ToUnixTimeSeconds()}}}""");

        AssertRejected(Verifier().Verify(token, Aud), ErrorCodes.SvidNotYetValid, "nbf");
    }

    [Fact]
    public void Verify_WrongAudience_IsRejected()
    {
        var svid = Issue(TimeSpan.FromMinutes(5));

        var result = Verifier().Verify(svid.Token, "https://evil.example");

        AssertRejected(result, ErrorCodes.SvidWrongAudience, "https://evil.example");
        Assert.Contains("audience", result.Error?.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_SignedByAnotherTrustDomainsKey_IsRejected()
    {
        using var other = TestAuthority.Create("other.dev", TestAuthority.Start);
        var token = new SvidIssuer(other, _time).IssueJwt(TestAuthority.Id("spiffe://other.dev/agent/x/y"), Aud, TimeSpan.FromMinutes(5)).Value.Token;

        AssertRejected(Verifier().Verify(token, Aud), ErrorCodes.SvidUntrusted, "not in the trust bundle");
    }

    [Fact]
    public void Verify_ForeignKeyClaimingOurKid_IsRejected()
    {
        using var other = TestAuthority.Create("acme.dev", TestAuthority.Start);
        var token = JwtForge.Sign(other.JwtKey, JwtForge.Header(_authority.JwtKey), JwtForge.Claims(Sub, Aud, Now, Now.AddMinutes(5)));

        AssertRejected(Verifier().Verify(token, Aud), ErrorCodes.SvidUntrusted, "signature does not verify");
    }

    [Fact]
    public void Verify_OurKeyButAForeignTrustDomainSubject_IsRejected()
    {
        var token = Forge(JwtForge.Header(_authority.JwtKey), JwtForge.Claims("spiffe://other.dev/agent/x/y", Aud, Now, Now.AddMinutes(5)));

        AssertRejected(Verifier().Verify(token, Aud), ErrorCodes.SvidUntrusted, "trust domain 'other.dev'");
    }

    [Fact]
    public void Verify_TamperedPayload_IsRejected()
    {
        var parts = JwtForge.Parts(Issue(TimeSpan.FromMinutes(5)).Token);
        var payload = JwtForge.DecodePart(parts[1]).Replace("/webapp\"", "/admin\"", StringComparison.Ordinal);
        Assert.Contains("/admin", payload, StringComparison.Ordinal);
        var tampered = $"{parts[0]}.{JwtForge.Encode(payload)}.{parts[2]}";

        AssertRejected(Verifier().Verify(tampered, Aud), ErrorCodes.SvidUntrusted, "signature does not verify");
    }

    [Fact]
    public void Verify_TamperedSignature_IsRejected()
    {
        var parts = JwtForge.Parts(Issue(TimeSpan.FromMinutes(5)).Token);
        var signature = parts[2].ToCharArray();
        signature[10] = signature[10] == 'A' ? 'B' : 'A';
        var tampered = $"{parts[0]}.{parts[1]}.{new string(signature)}";

        AssertRejected(Verifier().Verify(tampered, Aud), ErrorCodes.SvidUntrusted, "signature does not verify");
    }

    [Fact]
    public void Verify_AlgNoneWithEmptySignature_IsRejected()
    {
        var token = JwtForge.Encode($$"""{"alg":"none","kid":"{{_authority.JwtKey.Kid}}","typ":"JWT"}""") + "." +
            JwtForge.Encode(JwtForge.Claims(Sub, Aud, Now, Now.AddMinutes(5))) + ".";

        AssertRejected(Verifier().Verify(token, Aud), ErrorCodes.SvidMalformed, "base64url");
    }

    [Fact]
    public void Verify_AlgNoneEvenWithASignature_IsRejected()
    {
        var token = Forge($$"""{"alg":"none","kid":"{{_authority.JwtKey.Kid}}","typ":"JWT"}""", JwtForge.Claims(Sub, Aud, Now, Now.AddMinutes(5)));

        AssertRejected(Verifier().Verify(token, Aud), ErrorCodes.SvidInvalid, "algorithm 'none'");
    }

    [Theory]
    [InlineData("HS256")]
    [InlineData("RS256")]
    [InlineData("ES384")]
    [InlineData("es256")]
    public void Verify_OtherAlgorithm_IsRejected(string alg)
    {
        var token = Forge($$"""{"alg":"{{alg}}","kid":"{{_authority.JwtKey.Kid}}","typ":"JWT"}""", JwtForge.Claims(Sub, Aud, Now, Now.AddMinutes(5)));

        AssertRejected(Verifier().Verify(token, Aud), ErrorCodes.SvidInvalid, $"algorithm '{alg}'");
    }

    [Fact]
    public void Verify_UnknownKid_IsRejected()
    {
        var token = Forge("""{"alg":"ES256","kid":"no-such-key","typ":"JWT"}""", JwtForge.Claims(Sub, Aud, Now, Now.AddMinutes(5)));

        AssertRejected(Verifier().Verify(token, Aud), ErrorCodes.SvidUntrusted, "'no-such-key' is not in the trust bundle");
    }

    [Fact]
    public void Verify_MissingKid_IsRejected()
    {
        var token = Forge("""{"alg":"ES256","typ":"JWT"}""", JwtForge.Claims(Sub, Aud, Now, Now.AddMinutes(5)));

        AssertRejected(Verifier().Verify(token, Aud), ErrorCodes.SvidUntrusted, "no kid");
    }

    [Theory]
    [InlineData("jku", "\"https://evil.example/jwks\"")]
    [InlineData("jwk", "{\"kty\":\"EC\"}")]
    [InlineData("x5u", "\"https://evil.example/x5\"")]
    [InlineData("crit", "[\"exp\"]")]
    public void Verify_ExtraHeader_IsRejected(string name, string value)
    {
        var header = $$"""{"alg":"ES256","kid":"{{_authority.JwtKey.Kid}}","typ":"JWT","{{name}}":{{value}}}""";
        var token = Forge(header, JwtForge.Claims(Sub, Aud, Now, Now.AddMinutes(5)));

        AssertRejected(Verifier().Verify(token, Aud), ErrorCodes.SvidInvalid, $"header '{name}' is not allowed");
    }

    [Fact]
    public void Verify_DuplicateClaim_IsRejected()
    {
        var payload = $$"""{"sub":"{{Sub}}","sub":"spiffe://acme.dev/agent/admin/all","aud":"{{Aud}}","exp":{{Now.AddMinutes(5).ToUnixTimeSeconds()}}}""";
        var token = Forge(JwtForge.Header(_authority.JwtKey), payload);

        AssertRejected(Verifier().Verify(token, Aud), ErrorCodes.SvidMalformed, "repeats a member name");
    }

    [Fact]
    public void Verify_DuplicateHeaderParameter_IsRejected()
    {
        var header = $$"""{"alg":"ES256","alg":"none","kid":"{{_authority.JwtKey.Kid}}","typ":"JWT"}""";
        var token = Forge(header, JwtForge.Claims(Sub, Aud, Now, Now.AddMinutes(5)));

        AssertRejected(Verifier().Verify(token, Aud), ErrorCodes.SvidMalformed, "repeats a member name");
    }

    [Fact]
    public void Verify_TypMandateJwt_IsRejected()
    {
        var token = Forge(JwtForge.Header(_authority.JwtKey, typ: "mandate+jwt"), JwtForge.Claims(Sub, Aud, Now, Now.AddMinutes(5)));

        AssertRejected(Verifier().Verify(token, Aud), ErrorCodes.SvidInvalid, "typ 'mandate+jwt'");
    }

    [Fact]
    public void Verify_MissingAud_IsRejected()
    {
        var token = Forge(JwtForge.Header(_authority.JwtKey), $$"""{"sub":"{{Sub}}","exp":{{Now.AddMinutes(5).ToUnixTimeSeconds()}}}""");

        AssertRejected(Verifier().Verify(token, null), ErrorCodes.SvidInvalid, "aud claim is missing");
    }

    [Theory]
    [InlineData("\"\"")]
    [InlineData("[]")]
    [InlineData("42")]
    [InlineData("[\"ok\",7]")]
    public void Verify_MalformedAud_IsRejected(string aud)
    {
        var token = Forge(JwtForge.Header(_authority.JwtKey), $$"""{"sub":"{{Sub}}","aud":{{aud}},"exp":{{Now.AddMinutes(5).ToUnixTimeSeconds()}}}""");

        AssertRejected(Verifier().Verify(token, null), ErrorCodes.SvidInvalid, "aud claim is missing or malformed");
    }

    [Fact]
    public void Verify_MissingExp_IsRejected()
    {
        var token = Forge(JwtForge.Header(_authority.JwtKey), $$"""{"sub":"{{Sub}}","aud":"{{Aud}}","iat":{{Now.ToUnixTimeSeconds()}}}""");

        AssertRejected(Verifier().Verify(token, Aud), ErrorCodes.SvidInvalid, "exp claim is missing");
    }

    [Theory]
    [InlineData("\"1999999999\"")]
    [InlineData("1.5e9")]
    [InlineData("-1")]
    [InlineData("null")]
    public void Verify_NonNumericOrNegativeExp_IsRejected(string exp)
    {
        var token = Forge(JwtForge.Header(_authority.JwtKey), $$"""{"sub":"{{Sub}}","aud":"{{Aud}}","exp":{{exp}}}""");

        AssertRejected(Verifier().Verify(token, Aud), ErrorCodes.SvidInvalid, "exp claim is missing or not a number");
    }

    [Theory]
    [InlineData("")]
    [InlineData("\"spiffe://acme.dev/a/../b\"")]
    [InlineData("\"https://acme.dev/agent\"")]
    [InlineData("42")]
    public void Verify_MissingOrInvalidSub_IsRejected(string subMember)
    {
        var sub = subMember.Length == 0 ? "" : $"\"sub\":{subMember},";
        var token = Forge(JwtForge.Header(_authority.JwtKey), $$"""{{{sub}}"aud":"{{Aud}}","exp":{{Now.AddMinutes(5).ToUnixTimeSeconds()}}}""");

        AssertRejected(Verifier().Verify(token, Aud), ErrorCodes.SvidInvalid, "sub:");
    }

    [Fact]
    public void Verify_OversizedToken_IsRejectedBeforeDecoding()
    {
        var padding = new string('x', SvidVerifier.MaxJwtLength);
        var token = Forge(JwtForge.Header(_authority.JwtKey),
            $$"""{"sub":"{{Sub}}","aud":"{{Aud}}","exp":{{Now.AddMinutes(5).ToUnixTimeSeconds()}},"pad":"{{padding}}"}""");
        Assert.True(token.Length > SvidVerifier.MaxJwtLength);

        AssertRejected(Verifier().Verify(token, Aud), ErrorCodes.SvidMalformed, "longer than");
    }

    [Theory]
    [InlineData(0, " ")]
    [InlineData(1, "\n")]
    [InlineData(2, "\t")]
    [InlineData(2, "\r\n")]
    [InlineData(2, "+")]
    public void Verify_ValidTokenWithACharacterOutsideBase64UrlInsideAPart_IsRejected(int part, string inserted)
    {
        // Otherwise one token has many spellings that all verify (JWS compact form is exactly base64url).
        var parts = JwtForge.Parts(Issue(TimeSpan.FromMinutes(5)).Token);
        parts[part] = parts[part][..8] + inserted + parts[part][8..];

        var result = Verifier().Verify(string.Join('.', parts), Aud);

        Assert.False(result.IsSuccess, "a token with '" + inserted.Replace("\n", "\\n", StringComparison.Ordinal) + "' inside part " + part + " was accepted");
    }

    [Theory]
    [InlineData("")]
    [InlineData("a.b")]
    [InlineData("a.b.c.d")]
    [InlineData("e30.e30.AAAA")]
    [InlineData("e30=.e30.AAAA")]
    [InlineData("W10.e30.AAAA")]
    [InlineData("not json at all")]
    public void Verify_NotACompactJws_IsRejected(string token)
    {
        var result = Verifier().VerifyJwt(token, Aud);

        Assert.False(result.IsSuccess);
        Assert.True(result.Error.Code is ErrorCodes.SvidMalformed or ErrorCodes.SvidInvalid or ErrorCodes.SvidUntrusted, result.Error.Code);
    }

    private SvidVerifier Verifier() => new(_authority.Bundle(1), _time);

    private JwtSvid Issue(TimeSpan ttl) => new SvidIssuer(_authority, _time).IssueJwt(TestAuthority.Id(Sub), Aud, ttl).Value;

    [Fact]
    public void Verify_SignedTokenWithInvalidUtf8InAClaim_IsMalformed_NotACrash()
    {
        var payload = System.Text.Encoding.UTF8.GetBytes($$"""{"sub":"{{Sub}}","aud":"{{Aud}}","exp":{{Now.AddMinutes(5).ToUnixTimeSeconds()}},"x":"?"}""");
        payload[Array.LastIndexOf(payload, (byte)'?')] = 0xFF;
        var signingInput = JwtForge.Encode(JwtForge.Header(_authority.JwtKey)) + "." + System.Buffers.Text.Base64Url.EncodeToString(payload);
        using var ecdsa = System.Security.Cryptography.ECDsa.Create();
        ecdsa.ImportFromPem(_authority.JwtKey.ExportPrivateKeyPem());
        var signature = ecdsa.SignData(System.Text.Encoding.ASCII.GetBytes(signingInput), System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.DSASignatureFormat.IeeeP1363FixedFieldConcatenation);

        var result = new SvidVerifier(_authority.Bundle(1), _time).VerifyJwt(signingInput + "." + System.Buffers.Text.Base64Url.EncodeToString(signature), Aud);

        Assert.Equal(ErrorCodes.SvidMalformed, result.Error?.Code);
    }

    private string Forge(string header, string payload) => JwtForge.Sign(_authority.JwtKey, header, payload);

    private static void AssertRejected(Outcome<VerifiedSvid> result, string code, string reason)
    {
        Assert.False(result.IsSuccess, "the token was accepted");
        Assert.Equal(code, result.Error.Code);
        Assert.Contains(reason, result.Error.Message, StringComparison.Ordinal);
        Assert.StartsWith("SVID rejected: ", result.Error.Message, StringComparison.Ordinal);
        Assert.EndsWith(".", result.Error.Message, StringComparison.Ordinal);
        Assert.False(result.Error.Message.EndsWith("..", StringComparison.Ordinal), result.Error.Message);
    }
}
