using Mandate.Core.Errors;
using Mandate.Core.Mandates;

namespace Mandate.Core.Tests.Mandates;

/// <summary>The scope grammar of docs/scopes.md: what parses, its canonical form, and what is refused with the capability named.</summary>
public sealed class ScopeParsingTests
{
    [Theory]
    [InlineData("fs:read:/src/api/**")]
    [InlineData("fs:write:/src/api/*.cs")]
    [InlineData("fs:read:/")]
    [InlineData("fs:read:**")]
    [InlineData("exec:run:dotnet")]
    [InlineData("exec:run:/usr/bin/git")]
    [InlineData("net:connect:api.nuget.org:443")]
    [InlineData("net:connect:*.nuget.org:*")]
    [InlineData("net:connect:**.nuget.org:443")]
    [InlineData("repo:read:github.com/acme/*")]
    [InlineData("repo:push:github.com/acme/webapp")]
    [InlineData("mcp:call:github/create_issue")]
    [InlineData("mcp:call:github/*")]
    [InlineData("secret:read:prod/db/password")]
    [InlineData("db:connect:postgres/orders/readonly")]
    [InlineData("ssh:login:deploy@*.prod.acme.dev")]
    [InlineData("aws:assume:arn:aws:iam::123456789012:role/deploy")]
    [InlineData("aws:assume:deploy")]
    [InlineData("agent:delegate:test-runner")]
    [InlineData("agent:delegate:**")]
    [InlineData("fs:read:/my%20docs/notes.txt")]
    [InlineData("fs:read:/odd/\\*star")]
    public void Parse_ValidCapability_RoundTripsInCanonicalForm(string text)
    {
        var capability = Capability.Parse(text);

        Assert.True(capability.IsSuccess, capability.Error?.Message);
        Assert.Equal(text, capability.Value.ToString());
        Assert.Equal(capability.Value, Capability.Parse(capability.Value.ToString()).Value);
    }

    [Theory]
    [InlineData("net:connect:API.NuGet.org:443", "net:connect:api.nuget.org:443")]
    [InlineData("ssh:login:Deploy@Prod.Acme.dev", "ssh:login:Deploy@prod.acme.dev")]
    [InlineData("fs:read:/a%2a", "fs:read:/a\\*")]
    [InlineData("fs:read:/caf%C3%A9", "fs:read:/café")]
    public void Parse_NonCanonicalSpelling_IsNormalised(string text, string canonical)
    {
        var capability = Capability.Parse(text);

        Assert.True(capability.IsSuccess, capability.Error?.Message);
        Assert.Equal(canonical, capability.Value.ToString());
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("fs", "kind:verb:target")]
    [InlineData("fs:read", "kind:verb:target")]
    [InlineData("file:read:/src", "unknown kind 'file'")]
    [InlineData("FS:read:/src", "unknown kind 'FS'")]
    [InlineData("fs:delete:/src", "unknown verb 'delete'")]
    [InlineData("exec:read:git", "unknown verb 'read'")]
    [InlineData("fs:read:", "empty")]
    [InlineData("fs:read:src/**", "start with '/'")]
    [InlineData("fs:read:/src//api", "empty")]
    [InlineData("fs:read:/src/", "empty")]
    [InlineData("fs:read:/src/../etc", "'..'")]
    [InlineData("fs:read:/src/./x", "'.'")]
    [InlineData("fs:read:/***", "'***'")]
    [InlineData("fs:read:/a\\b", "escapes only")]
    [InlineData("fs:read:/a%2", "percent-encoding")]
    [InlineData("fs:read:/a%zz", "percent-encoding")]
    [InlineData("fs:read:/a%ff", "percent-encoding")]
    [InlineData("fs:read:/a%00", "decodes to a control character")]
    [InlineData("fs:read:/a%0A", "decodes to a control character")]
    [InlineData("fs:read:/*", "cover every target")]
    [InlineData("fs:read:/**", "cover every target")]
    [InlineData("fs:read:*", "cover every target")]
    [InlineData("exec:run:*", "cover every target")]
    [InlineData("net:connect:*:*", "cover every target")]
    [InlineData("net:connect:**:*", "cover every target")]
    [InlineData("agent:delegate:*", "cover every target")]
    [InlineData("ssh:login:*@*", "cover every target")]
    [InlineData("net:connect:api.nuget.org", "host:port")]
    [InlineData("net:connect:api.nuget.org:0", "port")]
    [InlineData("net:connect:api.nuget.org:65536", "port")]
    [InlineData("net:connect:api.nuget.org:0443", "port")]
    [InlineData("net:connect:api.nuget.org:4*", "port")]
    [InlineData("net:connect:api..nuget.org:443", "empty label")]
    [InlineData("net:connect:[::1]:443", "IPv6")]
    [InlineData("exec:run:bin/git", "program")]
    [InlineData("repo:read:github.com//x", "empty")]
    [InlineData("ssh:login:host.acme.dev", "principal@host")]
    [InlineData("ssh:login:a@b@c", "principal@host")]
    [InlineData("agent:delegate:a/b", "agent type")]
    public void Parse_MalformedCapability_IsRefusedNamingIt(string text, string why)
    {
        var capability = Capability.Parse(text);

        Assert.False(capability.IsSuccess);
        Assert.Equal(ErrorCodes.ScopeInvalid, capability.Error.Code);
        Assert.Contains($"'{text}'", capability.Error.Message, StringComparison.Ordinal);
        Assert.Contains(why, capability.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_TargetWithARawSpace_CannotOccurBecauseSpacesSeparateCapabilities()
    {
        var scope = Scope.Parse("fs:read:/my docs");

        Assert.False(scope.IsSuccess);
        Assert.Contains("'docs'", scope.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_Scope_KeepsOrderDropsDuplicatesAndCollapsesSpaces()
    {
        var scope = Scope.Parse("  exec:run:git   fs:read:/src/**  exec:run:git ").Value;

        Assert.Equal("exec:run:git fs:read:/src/**", scope.ToString());
        Assert.Equal(2, scope.Capabilities.Count);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void Parse_EmptyScope_IsRefused(string? text)
    {
        var scope = Scope.Parse(text);

        Assert.False(scope.IsSuccess);
        Assert.Equal(ErrorCodes.ScopeInvalid, scope.Error.Code);
        Assert.Contains("empty", scope.Error.Message, StringComparison.Ordinal);
        Assert.True(Scope.Parse(text, allowEmpty: true).Value.IsEmpty);
    }

    [Fact]
    public void Parse_ScopeWithSeveralBadCapabilities_NamesEveryOne()
    {
        var scope = Scope.Parse("fs:read:/ok fs:nuke:/x exec:run:git warp:drive:9 fs:read:*");

        Assert.False(scope.IsSuccess);
        Assert.Contains("3 capabilities are invalid", scope.Error.Message, StringComparison.Ordinal);
        Assert.Contains("'fs:nuke:/x'", scope.Error.Message, StringComparison.Ordinal);
        Assert.Contains("'warp:drive:9'", scope.Error.Message, StringComparison.Ordinal);
        Assert.Contains("'fs:read:*'", scope.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_TooManyCapabilities_IsRefused()
    {
        var text = string.Join(' ', Enumerable.Range(0, Scope.MaxCapabilities + 1).Select(i => $"exec:run:tool{i}"));

        Assert.False(Scope.Parse(text).IsSuccess);
        Assert.True(Scope.Parse(string.Join(' ', text.Split(' ').Skip(1))).IsSuccess);
    }

    [Fact]
    public void Parse_OverlongTarget_IsRefused()
    {
        Assert.False(Capability.Parse("fs:read:/" + new string('a', 256)).IsSuccess);
        Assert.True(Capability.Parse("fs:read:/" + new string('a', 255)).IsSuccess);
    }
}
