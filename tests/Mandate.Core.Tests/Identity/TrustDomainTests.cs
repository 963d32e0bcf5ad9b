using Mandate.Core.Errors;
using Mandate.Core.Identity;

namespace Mandate.Core.Tests.Identity;

/// <summary>Trust domain names (SPIFFE-ID §2.1): non-empty, lowercase [a-z0-9.-_], no userinfo or port, at most 255 bytes.</summary>
public sealed class TrustDomainTests
{
    public static TheoryData<string> ValidNames => new()
    {
        "acme.dev",
        "example.com",
        "staging.example.com",
        "k8s-west.example.com",
        "trust_domain_name.example.com",
        "trust-domain-name",
        "trustdomain",
        "192.168.2.2",
        "a",
        "0",
        "..-_",
        new string('a', 255),
    };

    public static TheoryData<string, string> InvalidNames => new()
    {
        { "", "empty" },
        { "Acme.dev", "lowercase" },
        { "EXAMPLE.COM", "lowercase" },
        { "spiffe://acme.dev", "without the spiffe:// scheme" },
        { "SPIFFE://acme.dev", "without the spiffe:// scheme" },
        { "acme.dev:8443", "port" },
        { "acme.dev:", "port" },
        { "user@acme.dev", "userinfo" },
        { "acme.dev/path", "path" },
        { "%62%61%64", "'%' is not allowed" },
        { "acme dev", "' ' is not allowed" },
        { "acme$dev", "'$' is not allowed" },
        { "trüst.dev", "U+00FC" },
        { "[::1]", "'[' is not allowed" },
        { "acme.dev?q", "'?' is not allowed" },
        { "acme.dev#f", "'#' is not allowed" },
        { "tab\tdomain", "U+0009" },
        { new string('a', 256), "longer than 255" },
    };

    [Theory]
    [MemberData(nameof(ValidNames))]
    public void Parse_ValidName_IsAccepted(string name)
    {
        var td = TrustDomain.Parse(name);

        Assert.True(td.IsSuccess, td.Error?.Message);
        Assert.Equal(name, td.Value.Name);
        Assert.Equal("spiffe://" + name, td.Value.IdString);
    }

    [Theory]
    [MemberData(nameof(InvalidNames))]
    public void Parse_NameTheSpecForbids_IsRefusedSayingWhy(string name, string why)
    {
        var td = TrustDomain.Parse(name);

        Assert.False(td.IsSuccess, $"'{name}' was accepted");
        Assert.Equal(ErrorCodes.TrustDomainInvalid, td.Error.Code);
        Assert.Contains(why, td.Error.Message, StringComparison.Ordinal);
        Assert.Contains("SPIFFE-ID spec", td.Error.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_Null_IsRefused()
    {
        Assert.Equal(ErrorCodes.TrustDomainInvalid, TrustDomain.Parse(null).Error?.Code);
    }
}
