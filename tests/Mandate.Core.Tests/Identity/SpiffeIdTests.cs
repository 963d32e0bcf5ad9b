using Mandate.Core.Errors;
using Mandate.Core.Identity;

namespace Mandate.Core.Tests.Identity;

/// <summary>
/// SPIFFE ID parsing against the SPIFFE-ID spec (spiffe/spiffe standards/SPIFFE-ID.md §2) and the
/// character rules of go-spiffe v2's spiffeid test table. The example IDs are transcribed, not the code.
/// </summary>
public sealed class SpiffeIdTests
{
    private const string TdChars = "abcdefghijklmnopqrstuvwxyz0123456789.-_";
    private const string PathChars = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-_";

    public static TheoryData<string, string, string> SpecExamples => new()
    {
        // SPIFFE-ID §2 and §2.2
        { "spiffe://trust-domain-name/path", "trust-domain-name", "/path" },
        { "spiffe://staging.example.com/payments/mysql", "staging.example.com", "/payments/mysql" },
        { "spiffe://staging.example.com/payments/web-fe", "staging.example.com", "/payments/web-fe" },
        { "spiffe://k8s-west.example.com/ns/staging/sa/default", "k8s-west.example.com", "/ns/staging/sa/default" },
        { "spiffe://example.com/9eebccd2-12bf-40a6-b262-65fe0487d453", "example.com", "/9eebccd2-12bf-40a6-b262-65fe0487d453" },
        // §2.1.1: a registered domain as suffix
        { "spiffe://trust_domain_name.example.com/workload", "trust_domain_name.example.com", "/workload" },
        // §2.1: IPv4 dotted quads are not excluded
        { "spiffe://192.168.2.2/path", "192.168.2.2", "/path" },
        // go-spiffe: the path is optional; segments of dots that are not '.' or '..' are fine
        { "spiffe://trustdomain", "trustdomain", "" },
        { "spiffe://trustdomain/path", "trustdomain", "/path" },
        { "spiffe://domain.test/path/element", "domain.test", "/path/element" },
        { "spiffe://trustdomain/.path", "trustdomain", "/.path" },
        { "spiffe://trustdomain/..path", "trustdomain", "/..path" },
        { "spiffe://trustdomain/...", "trustdomain", "/..." },
        // Mandate's own shapes
        { "spiffe://acme.dev/agent/claude-code/webapp", "acme.dev", "/agent/claude-code/webapp" },
        { "spiffe://acme.dev/agent/claude-code/webapp-2/session/s1", "acme.dev", "/agent/claude-code/webapp-2/session/s1" },
        { "spiffe://acme.dev/Path_With.UPPER-case09", "acme.dev", "/Path_With.UPPER-case09" },
    };

    public static TheoryData<string, string> InvalidIds => new()
    {
        // empty
        { "", "empty" },
        // scheme: missing, other, or not lowercase (Mandate compares the scheme exactly)
        { "s", "spiffe://" },
        { "spiffe:/", "spiffe://" },
        { "spiffe:path/element", "spiffe://" },
        { "spiffe:/path/element", "spiffe://" },
        { "http://domain.test/path/element", "spiffe://" },
        { "192.168.2.2:6688", "spiffe://" },
        { "Spiffe://", "spiffe://" },
        { "SPIFFE://domain.test/path/element", "spiffe://" },
        // trust domain missing
        { "spiffe://", "trust domain is missing" },
        { "spiffe:///", "trust domain is missing" },
        { "spiffe:///path/element", "trust domain is missing" },
        // trust domain not lowercase
        { "spiffe://Domain.test/path", "lowercase" },
        { "spiffe://DOMAIN.TEST", "lowercase" },
        // port
        { "spiffe://domain.test:8080/path/element", "port" },
        { "spiffe://domain.test:/path/element", "port" },
        // userinfo
        { "spiffe://user:password@test.org/path/element", "userinfo" },
        { "spiffe://user@test.org/path/element", "userinfo" },
        // query and fragment
        { "spiffe://domain.test/path/element?query=1", "query or fragment" },
        { "spiffe://domain.test/path/element?#fragment-1", "query or fragment" },
        { "spiffe://domain.test/path/element#fragment-1", "query or fragment" },
        { "spiffe://domain.test?query=1", "query or fragment" },
        { "spiffe://domain.test#fragment", "query or fragment" },
        // percent-encoding, in the trust domain and in the path, of Unicode and of ASCII
        { "spiffe://%F0%9F%A4%AF/path", "percent-encoding" },
        { "spiffe://trustdomain/%F0%9F%A4%AF", "percent-encoding" },
        { "spiffe://%62%61%64/path", "percent-encoding" },
        { "spiffe://trustdomain/%62%61%64", "percent-encoding" },
        { "spiffe://domain.test/path/elem%5uent", "percent-encoding" },
        // empty segments
        { "spiffe://trustdomain//", "must not end with '/'" },
        { "spiffe://trustdomain//path", "empty segment" },
        { "spiffe://trustdomain/path//other", "empty segment" },
        // dot segments
        { "spiffe://trustdomain/.", "'.' or '..' segment" },
        { "spiffe://trustdomain/./path", "'.' or '..' segment" },
        { "spiffe://trustdomain/path/./other", "'.' or '..' segment" },
        { "spiffe://trustdomain/path/..", "'.' or '..' segment" },
        { "spiffe://trustdomain/..", "'.' or '..' segment" },
        { "spiffe://trustdomain/../path", "'.' or '..' segment" },
        { "spiffe://trustdomain/path/../other", "'.' or '..' segment" },
        // trailing slash
        { "spiffe://trustdomain/", "must not end with '/'" },
        { "spiffe://trustdomain/path/", "must not end with '/'" },
        // bad characters (go-spiffe's older table accepted these; the spec now forbids them)
        { "spiffe://trust$domain", "not allowed in the trust domain" },
        { "spiffe://trustdomain/path$", "not allowed in the path" },
        { "spiffe://domain.test/pa:th/element:", "not allowed in the path" },
        { "spiffe://domain.test/pa@th/element", "not allowed in the path" },
        { "spiffe://domain.test/p!a$t&h'/(e)l*e+m,e;n=t", "not allowed in the path" },
        { "spiffe://domain.test/path/elem[ent", "not allowed in the path" },
        { "spiffe://domain.test/path/elem]ent", "not allowed in the path" },
        { "spiffe://domain.test/spiffe://domain.test/path/element", "not allowed in the path" },
        { "spiffe://domain.test/path with space", "not allowed in the path" },
        { "spiffe://trüstdomain/path", "not allowed in the trust domain" },
        { "spiffe://trustdomain/päth", "not allowed in the path" },
        { "spiffe://[::1]/path", "not allowed in the trust domain" },
    };

    [Theory]
    [MemberData(nameof(SpecExamples))]
    public void Parse_SpecExample_IsAccepted(string id, string trustDomain, string path)
    {
        var parsed = SpiffeId.Parse(id);

        Assert.True(parsed.IsSuccess, parsed.Error?.Message);
        Assert.Equal(trustDomain, parsed.Value.TrustDomain.Name);
        Assert.Equal(path, parsed.Value.Path);
        Assert.Equal(id, parsed.Value.ToString());
    }

    [Theory]
    [MemberData(nameof(InvalidIds))]
    public void Parse_InvalidId_IsRefusedSayingWhy(string id, string why)
    {
        var parsed = SpiffeId.Parse(id);

        Assert.False(parsed.IsSuccess, $"'{id}' was accepted");
        Assert.Equal(ErrorCodes.SpiffeIdInvalid, parsed.Error.Code);
        Assert.Contains(why, parsed.Error.Message, StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(parsed.Error.Fix));
    }

    [Fact]
    public void Parse_Null_IsRefused()
    {
        var parsed = SpiffeId.Parse(null);

        Assert.False(parsed.IsSuccess);
        Assert.Equal(ErrorCodes.SpiffeIdInvalid, parsed.Error.Code);
    }

    /// <summary>go-spiffe walks every code point up to 255 in the trust domain and in the path; so do we.</summary>
    public static TheoryData<int> Latin1CodePoints()
    {
        var data = new TheoryData<int>();
        for (var i = 0; i < 256; i++)
        {
            if (i != '/')
            {
                data.Add(i);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Latin1CodePoints))]
    public void Parse_TrustDomainCharacter_IsAcceptedOnlyIfInTheSpecSet(int codePoint)
    {
        var c = (char)codePoint;
        var parsed = SpiffeId.Parse($"spiffe://trustdomain{c}/path");

        Assert.Equal(TdChars.Contains(c, StringComparison.Ordinal), parsed.IsSuccess);
        if (parsed.IsSuccess)
        {
            Assert.Equal("trustdomain" + c, parsed.Value.TrustDomain.Name);
        }
    }

    [Theory]
    [MemberData(nameof(Latin1CodePoints))]
    public void Parse_PathCharacter_IsAcceptedOnlyIfInTheSpecSet(int codePoint)
    {
        var c = (char)codePoint;
        var parsed = SpiffeId.Parse($"spiffe://trustdomain/path{c}");

        Assert.Equal(PathChars.Contains(c, StringComparison.Ordinal), parsed.IsSuccess);
        if (parsed.IsSuccess)
        {
            Assert.Equal("/path" + c, parsed.Value.Path);
        }
    }

    [Fact]
    public void Parse_Exactly2048Bytes_IsAccepted()
    {
        var id = IdOfLength(SpiffeId.MaxLength);

        var parsed = SpiffeId.Parse(id);

        Assert.True(parsed.IsSuccess, parsed.Error?.Message);
        Assert.Equal(2048, parsed.Value.ToString().Length);
    }

    [Fact]
    public void Parse_Over2048Bytes_IsRefused()
    {
        var parsed = SpiffeId.Parse(IdOfLength(SpiffeId.MaxLength + 1));

        Assert.False(parsed.IsSuccess);
        Assert.Contains("longer than 2048", parsed.Error.Message, StringComparison.Ordinal);
        // The message quotes the ID shortened, not all 2049 characters.
        Assert.True(parsed.Error.Message.Length < 300);
    }

    [Fact]
    public void Parse_TrustDomainOf255Bytes_IsAccepted_And256_IsRefused()
    {
        var ok = SpiffeId.Parse("spiffe://" + new string('a', 255) + "/path");
        var tooLong = SpiffeId.Parse("spiffe://" + new string('a', 256) + "/path");

        Assert.True(ok.IsSuccess, ok.Error?.Message);
        Assert.False(tooLong.IsSuccess);
        Assert.Contains("longer than 255", tooLong.Error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("agent", "claude-code", "webapp")]
    [InlineData("a.b", "C_D", "e-9")]
    public void Create_ValidSegments_JoinsThemUnderTheTrustDomain(string a, string b, string c)
    {
        var td = TrustDomain.Parse("acme.dev").Value;

        var id = SpiffeId.Create(td, a, b, c);

        Assert.True(id.IsSuccess, id.Error?.Message);
        Assert.Equal($"spiffe://acme.dev/{a}/{b}/{c}", id.Value.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData(".")]
    [InlineData("..")]
    [InlineData("a/b")]
    [InlineData("/foo")]
    [InlineData("$")]
    [InlineData("a b")]
    public void Create_InvalidSegment_IsRefused(string segment)
    {
        var td = TrustDomain.Parse("acme.dev").Value;

        Assert.False(SpiffeId.Create(td, "agent", segment).IsSuccess);
        Assert.False(SpiffeId.IsValidSegment(segment));
    }

    [Fact]
    public void Equality_IsByValue()
    {
        Assert.Equal(SpiffeId.Parse("spiffe://acme.dev/a").Value, SpiffeId.Parse("spiffe://acme.dev/a").Value);
        Assert.NotEqual(SpiffeId.Parse("spiffe://acme.dev/a").Value, SpiffeId.Parse("spiffe://acme.dev/A").Value);
    }

    private static string IdOfLength(int length)
    {
        const string head = "spiffe://example.org/";
        var path = new char[length - head.Length];
        for (var i = 0; i < path.Length; i++)
        {
            // a segment of 99 letters, then '/', so no segment is empty and none ends the ID with '/'
            path[i] = (i % 100 == 99 && i != path.Length - 1) ? '/' : 'x';
        }

        return head + new string(path);
    }
}
