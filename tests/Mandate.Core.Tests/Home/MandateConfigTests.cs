using Mandate.Core.Errors;
using Mandate.Core.Home;

namespace Mandate.Core.Tests.Home;

/// <summary>config.json is written by the serializer and read by hand (the hook reads it on every tool call): both must agree.</summary>
public sealed class MandateConfigTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("mandate-core-config-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private MandateHome Home(string? json = null)
    {
        var home = new MandateHome(_dir);
        if (json is not null)
        {
            File.WriteAllText(home.ConfigPath, json);
        }

        return home;
    }

    [Fact]
    public void WhatSaveConfigWrites_ReadsBackTheSame()
    {
        var home = Home();
        var config = new MandateConfig
        {
            TrustDomain = "acme.dev",
            Ttl = new TtlConfig { X509Svid = "2h", X509SvidMax = "12h", JwtSvid = "3m", JwtSvidMax = "30m", Mandate = "90m", MandateMax = "6h" },
            User = new UserConfig { Email = "jane@acme.dev" },
            Policy = new PolicyConfig { Mode = "shadow" },
        };
        home.SaveConfig(config);

        var read = home.LoadConfig();

        Assert.True(read.IsSuccess, read.Error?.ToString());
        var c = read.Value;
        Assert.Equal(
            ("acme.dev", "2h", "12h", "3m", "30m", "90m", "6h", "jane@acme.dev", "shadow"),
            (c.TrustDomain, c.Ttl.X509Svid, c.Ttl.X509SvidMax, c.Ttl.JwtSvid, c.Ttl.JwtSvidMax, c.Ttl.Mandate, c.Ttl.MandateMax, c.User.Email, c.Policy.Mode));
    }

    [Fact]
    public void MissingSections_KeepTheirDefaults_AndCommentsAndTrailingCommasAreAllowed()
    {
        var read = Home("""
            // edited by hand
            { "trust_domain": "acme.dev", "user": { "email": null, }, }
            """).LoadConfig();

        Assert.True(read.IsSuccess, read.Error?.ToString());
        Assert.Equal(("acme.dev", "8h", "enforce", null), (read.Value.TrustDomain, read.Value.Ttl.MandateMax, read.Value.Policy.Mode, read.Value.User.Email));
    }

    [Theory]
    [InlineData("""{ "trust_domain": "acme.dev", "color": "blue" }""", "$.color is not a known key")]
    [InlineData("""{ "trust_domain": "acme.dev", "ttl": { "mandate_maximum": "8h" } }""", "$.ttl.mandate_maximum is not a known key")]
    [InlineData("""{ "trust_domain": "acme.dev", "user": { "name": "Jane" } }""", "$.user.name is not a known key")]
    [InlineData("""{ "trust_domain": "acme.dev", "policy": { "mode": 1 } }""", "$.policy.mode must be a string")]
    [InlineData("""{ "trust_domain": 7 }""", "$.trust_domain must be a string")]
    [InlineData("""{ "trust_domain": "acme.dev", "ttl": [] }""", "$.ttl must be an object")]
    [InlineData("null", "$ must be an object")]
    [InlineData("", "cannot be read")]
    [InlineData("""{ "trust_domain": "acme.dev" """, "cannot be read")]
    public void BadConfig_IsRefused_NamingTheKey(string json, string expected)
    {
        var read = Home(json).LoadConfig();

        Assert.False(read.IsSuccess);
        Assert.Equal(ErrorCodes.ConfigInvalid, read.Error.Code);
        Assert.Contains(expected, read.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AMandateMaximumAboveEightHours_IsRefused()
    {
        var read = Home("""{ "trust_domain": "acme.dev", "ttl": { "mandate_max": "24h" } }""").LoadSettings();

        Assert.False(read.IsSuccess);
        Assert.Equal(ErrorCodes.ConfigInvalid, read.Error.Code);
        Assert.Contains("ttl.mandate_max: 24h is longer than a mandate may ever live (8h)", read.Error.Message, StringComparison.Ordinal);
    }
}
