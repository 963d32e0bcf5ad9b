using Mandate.Core.Jose;
using Mandate.Core.Tests.Svid;

namespace Mandate.Core.Tests.Jose;

/// <summary>
/// The strict JWS parser behind JWT-SVIDs and the mandate service's audit of refused tokens: whatever
/// the JSON holds, it answers, and a string no UTF-16 holds is malformed like a byte that is not UTF-8.
/// </summary>
public sealed class JwsTokenTests
{
    private const string Header = """{"alg":"ES256","kid":"k","typ":"JWT"}""";
    private const string Payload = """{"sub":"spiffe://acme.dev/agent/x/y","aud":"a","exp":2,"iat":1}""";

    [Theory]
    [InlineData("""{"\ud800":1,"alg":"ES256","kid":"k","typ":"JWT"}""", Payload)]
    [InlineData("""{"alg":"ES256","kid":"k","typ":"JWT","\udfff":1}""", Payload)]
    [InlineData(Header, """{"\ud800":1,"sub":"spiffe://acme.dev/agent/x/y","aud":"a","exp":2,"iat":1}""")]
    [InlineData(Header, """{"sub":"spiffe://acme.dev/agent/x/y","aud":"a\ud800","exp":2,"iat":1}""")]
    [InlineData(Header, """{"sub":"spiffe://acme.dev/agent/x/y","aud":"a","exp":2,"iat":1,"x":{"\udc00":[1]}}""")]
    public void TryParse_EscapedLoneSurrogate_IsMalformedAndDoesNotThrow(string header, string payload)
    {
        var token = JwtForge.Encode(header) + "." + JwtForge.Encode(payload) + ".AAAA";

        var parsed = JwsToken.TryParse(token, 8192, out var jws, out var reason);

        Assert.False(parsed);
        Assert.Null(jws);
        Assert.Contains("lone surrogate", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_EscapedSurrogatePairAndOtherEscapes_AreRead()
    {
        var payload = """{"sub":"spiffe:\/\/acme.dev\/agent\/x\/y","aud":"\ud83d\udd10","exp":2,"iat":1}""";
        var token = JwtForge.Encode(Header) + "." + JwtForge.Encode(payload) + ".AAAA";

        Assert.True(JwsToken.TryParse(token, 8192, out var jws, out var reason), reason);
        using (jws)
        {
            Assert.Equal("spiffe://acme.dev/agent/x/y", jws!.ClaimString("sub"));
            Assert.Equal("\U0001F510", jws.ClaimString("aud"));
        }
    }

    [Fact]
    public void TryParse_RepeatedNameSpeltWithAnEscape_IsMalformed()
    {
        var token = JwtForge.Encode("""{"alg":"ES256","\u0061lg":"none","kid":"k","typ":"JWT"}""") + "." + JwtForge.Encode(Payload) + ".AAAA";

        Assert.False(JwsToken.TryParse(token, 8192, out _, out var reason));
        Assert.Equal("the header is not valid JSON, or repeats a member name", reason);
    }
}
