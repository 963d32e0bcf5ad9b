using Mandate.Core.Errors;
using Mandate.Core.Leases;
using Mandate.Credentials.GitHub;
using Microsoft.Extensions.Time.Testing;

namespace Mandate.Credentials.Tests.GitHub;

public sealed class GitHubProviderTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("read", "contents=read,metadata=read")]
    [InlineData("write", "contents=write,metadata=read")]
    [InlineData("push", "contents=write,metadata=read,pull_requests=write")]
    public void Issue_TokenForOneRepository_WithThePermissionsOfTheAccess(string access, string permissions)
    {
        using var app = new GitHubApp(new FakeTimeProvider(Now));
        var issued = app.Provider.Issue(GitHubApp.Request(access), GitHubApp.Grant(Now)).Value;

        var token = issued.Secrets["token"];
        Assert.StartsWith("ghs_", token, StringComparison.Ordinal);
        Assert.True(app.Server.IsLive(token));
        var atServer = Assert.Single(app.Server.Tokens);
        Assert.Equal(["acme/api"], atServer.Repositories);
        Assert.Equal(permissions, GitHubPermissions.Describe(atServer.Permissions.OrderBy(p => p.Key, StringComparer.Ordinal)));
        Assert.Equal("acme/api", issued.Details["repository"]);
        Assert.Equal(permissions, issued.Details["permissions"]);
        Assert.Equal("2026-11-23T13:00:00Z", issued.Details["expires_at"]);
        Assert.DoesNotContain(issued.Details.Values, v => v.Contains(token, StringComparison.Ordinal));
    }

    [Fact]
    public void Capability_NamesVerbHostAndRepository()
    {
        using var app = new GitHubApp();
        Assert.Equal($"repo:write:{app.Server.Host}/acme/api", app.Provider.Capability(GitHubApp.Request("write")));
        Assert.Equal("repo:read:github.com/acme/api", app.Provider.Capability(GitHubApp.Request("read", host: "github.com")));
    }

    [Fact]
    public void AppJwt_HasTheClaimsGitHubChecks_AndVerifiesAtTheServer()
    {
        using var app = new GitHubApp(new FakeTimeProvider(Now));
        Assert.True(app.Provider.Issue(GitHubApp.Request("read"), GitHubApp.Grant(Now)).IsSuccess);

        var claims = Assert.Single(app.Server.VerifiedJwts);
        Assert.Equal(GitHubApp.AppId, claims["iss"]!.ToString());
        Assert.Equal(Now.AddSeconds(-60).ToUnixTimeSeconds(), (long)claims["iat"]!);
        Assert.Equal(Now.AddMinutes(9).ToUnixTimeSeconds(), (long)claims["exp"]!);
        Assert.Equal(3, claims.Count);
    }

    [Theory]
    [InlineData(5)]     // iat 4 minutes in the server's future
    [InlineData(-11)]   // exp already passed at the server
    public void AppJwt_ClockFarFromGitHubs_IsRefused401(int clientMinutesAhead)
    {
        using var app = new GitHubApp(new FakeTimeProvider(Now), new FakeTimeProvider(Now.AddMinutes(clientMinutesAhead)));
        var result = app.Provider.Issue(GitHubApp.Request("read"), GitHubApp.Grant(Now));

        Assert.Equal(ErrorCodes.GitHubAppAuthenticationFailed, result.Error?.Code);
        Assert.Empty(app.Server.Tokens);
    }

    [Fact]
    public void AppJwt_SignedByAnotherKey_IsRefused401()
    {
        using var app = new GitHubApp();
        using var other = System.Security.Cryptography.RSA.Create(2048);
        File.WriteAllText(app.KeyPath, other.ExportPkcs8PrivateKeyPem());
        using var provider = new GitHubProvider("acme-bot", app.Options, TimeProvider.System);

        var result = provider.Issue(GitHubApp.Request("read"), GitHubApp.Grant(Now));
        Assert.Equal(ErrorCodes.GitHubAppAuthenticationFailed, result.Error?.Code);
        Assert.Contains("could not be decoded", result.Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AppJwt_OfAnotherApp_IsRefused401()
    {
        using var app = new GitHubApp();
        using var provider = new GitHubProvider("acme-bot", app.Options with { AppId = "12345" }, TimeProvider.System);
        Assert.Equal(ErrorCodes.GitHubAppAuthenticationFailed, provider.Issue(GitHubApp.Request("read"), GitHubApp.Grant(Now)).Error?.Code);
    }

    [Fact]
    public void Issue_AnotherInstallation_Is404()
    {
        using var app = new GitHubApp();
        using var provider = new GitHubProvider("acme-bot", app.Options with { InstallationId = 1 }, TimeProvider.System);
        var result = provider.Issue(GitHubApp.Request("read"), GitHubApp.Grant(Now));
        Assert.Equal(ErrorCodes.GitHubTokenRefused, result.Error?.Code);
        Assert.Contains("404", result.Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Issue_RepositoryTheAppIsNotInstalledOn_Is422()
    {
        using var app = new GitHubApp();
        var result = app.Provider.Issue(GitHubApp.Request("read", "acme/payroll"), GitHubApp.Grant(Now));
        Assert.Equal(ErrorCodes.GitHubTokenRefused, result.Error?.Code);
        Assert.Contains("422", result.Error!.Message, StringComparison.Ordinal);
        Assert.Empty(app.Server.Tokens);
    }

    [Fact]
    public void Issue_PermissionBeyondTheApps_Is422()
    {
        using var app = new GitHubApp();
        app.Server.AppPermissions["contents"] = "read";
        var result = app.Provider.Issue(GitHubApp.Request("write"), GitHubApp.Grant(Now));
        Assert.Equal(ErrorCodes.GitHubTokenRefused, result.Error?.Code);
        Assert.Contains("permissions requested are not granted", result.Error!.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("acme", "read", null)]
    [InlineData("acme/api/x", "read", null)]
    [InlineData("acme/api", "admin", null)]
    [InlineData("acme/api", "read", "gitlab.com")]
    public void Issue_BadParameters_AreRefusedBeforeAnyRequest(string repository, string access, string? host)
    {
        using var app = new GitHubApp();
        var result = app.Provider.Issue(GitHubApp.Request(access, repository, host), GitHubApp.Grant(Now));
        Assert.Equal(ErrorCodes.GitHubRequestInvalid, result.Error?.Code);
        Assert.Empty(app.Server.VerifiedJwts);
    }

    [Fact]
    public void Revoke_DeletesTheTokenAtGitHub_AndIsIdempotent()
    {
        using var app = new GitHubApp();
        var grant = GitHubApp.Grant(Now);
        var issued = app.Provider.Issue(GitHubApp.Request("read"), grant).Value;
        var lease = Lease(grant, issued.Details);

        Assert.True(app.Provider.Revoke(lease).Value);
        Assert.False(app.Server.IsLive(issued.Secrets["token"]));
        Assert.False(app.Provider.Revoke(lease).Value);
    }

    [Fact]
    public void Revoke_SealOfAnotherLease_DoesNotOpen()
    {
        using var app = new GitHubApp();
        var grant = GitHubApp.Grant(Now);
        var issued = app.Provider.Issue(GitHubApp.Request("read"), grant).Value;
        var lease = Lease(grant, issued.Details) with { Id = "lse_ffffffffffffffffffffffffffffffff" };

        Assert.Equal(ErrorCodes.GitHubTokenSealInvalid, app.Provider.Revoke(lease).Error?.Code);
        Assert.True(app.Server.IsLive(issued.Secrets["token"]));
    }

    [Fact]
    public void Renew_IsNotPossible()
    {
        using var app = new GitHubApp();
        Assert.False(app.Provider.Renew(Lease(GitHubApp.Grant(Now), new Dictionary<string, string>()), Now.AddHours(1)).Value);
    }

    [Fact]
    public void Issue_UnreachableApi_FailsWithinTheTimeout()
    {
        using var app = new GitHubApp();
        var port = app.Server.Port;
        app.Server.Dispose();
        var result = app.Provider.Issue(GitHubApp.Request("read"), GitHubApp.Grant(Now));
        Assert.Equal(ErrorCodes.GitHubUnreachable, result.Error?.Code);
        Assert.Contains(port.ToString(System.Globalization.CultureInfo.InvariantCulture), result.Error!.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://api.github.com", "github.com")]
    [InlineData("https://ghe.acme.dev/api/v3", "ghe.acme.dev")]
    [InlineData("http://127.0.0.1:8080", "127.0.0.1:8080")]
    [InlineData("http://localhost:9000/", "localhost:9000")]
    public void Options_AcceptHttpsOrLoopbackHttp_AndNameTheGitHost(string api, string host)
    {
        var options = GitHubAppOptions.Create("1", "2", "/k.pem", api).Value;
        Assert.Equal(host, options.GitHost);
        Assert.Equal(options, GitHubAppOptions.FromConfig(options.ToConfig()).Value);
    }

    [Fact]
    public void Options_NonLoopbackHttp_AndEveryOtherProblem_AreNamedAtOnce()
    {
        var result = GitHubAppOptions.Create("", "x", "relative.pem", "http://ghe.acme.dev/api/v3");
        Assert.Equal(ErrorCodes.GitHubConfigInvalid, result.Error?.Code);
        Assert.Contains("--app-id", result.Error!.Message, StringComparison.Ordinal);
        Assert.Contains("--installation-id", result.Error.Message, StringComparison.Ordinal);
        Assert.Contains("--private-key", result.Error.Message, StringComparison.Ordinal);
        Assert.Contains("must be https", result.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PrivateKey_Unreadable_IsNamedWithoutItsContent()
    {
        using var app = new GitHubApp();
        File.WriteAllText(app.KeyPath, "not a key");
        using var provider = new GitHubProvider("acme-bot", app.Options, TimeProvider.System);
        Assert.Equal(ErrorCodes.GitHubPrivateKeyUnreadable, provider.Issue(GitHubApp.Request("read"), GitHubApp.Grant(Now)).Error?.Code);
    }

    private static Lease Lease(Credentials.Leases.LeaseGrant grant, IReadOnlyDictionary<string, string> details) => new()
    {
        Id = grant.LeaseId, Kind = "github", Provider = "acme-bot", Capability = "repo:read:x/acme/api", Actor = grant.Actor, MandateJti = grant.MandateJti,
        HumanEmail = grant.HumanEmail, TaskId = grant.TaskId, IssuedAt = grant.IssuedAt, ExpiresAt = grant.ExpiresAt,
        Ttl = grant.ExpiresAt - grant.IssuedAt, MaxTtl = TimeSpan.FromHours(1), Details = details,
    };
}
