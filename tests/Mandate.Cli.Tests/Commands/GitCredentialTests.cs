using System.Globalization;
using System.Text;

namespace Mandate.Cli.Tests.Commands;

/// <summary>
/// Issue 7, point 4, end to end: real git clones and pushes over HTTP (the real git http-backend behind a fake
/// GitHub) with <c>mandate credential git</c> as its only credential helper, under mandates of different scopes.
/// </summary>
public sealed class GitCredentialTests
{
    [Fact]
    public async Task WriteScope_CloneAndPush_Succeed_WithRepositoryScopedTokens()
    {
        using var project = await GitHubProject.StartAsync();
        var token = await project.MandateAsync($"repo:write:{project.Target}");

        var (clone, dir) = await project.CloneAsync(token);
        clone.AssertSuccess();
        Assert.True(File.Exists(Path.Combine(dir, "README.md")));
        (await project.CommitAndPushAsync(token, dir, "Agent change")).AssertSuccess();

        Assert.Contains("Agent change", project.Server.Log(), StringComparison.Ordinal);
        Assert.All(project.Server.Tokens, t =>
        {
            Assert.Equal(["acme/api"], t.Repositories);
            Assert.Equal("write", t.Permissions["contents"]);
        });
        var leases = (await project.Home.RunAsync("lease", "list", "--json")).AssertSuccess().Stdout;
        Assert.Contains("github", leases, StringComparison.Ordinal);
        Assert.Contains($"repo:write:{project.Target}", leases, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadScope_CloneWorks_PushIsRefusedByTheServer()
    {
        using var project = await GitHubProject.StartAsync();
        var token = await project.MandateAsync($"repo:read:{project.Target}");

        var (clone, dir) = await project.CloneAsync(token);
        clone.AssertSuccess();
        var push = await project.CommitAndPushAsync(token, dir, "Should not land");

        Assert.NotEqual(0, push.ExitCode);
        Assert.DoesNotContain("Should not land", project.Server.Log(), StringComparison.Ordinal);
        Assert.Contains(project.Server.Refusals, r => r.StartsWith("403 git push acme/api: contents:read", StringComparison.Ordinal));
        Assert.All(project.Server.Tokens, t => Assert.Equal("read", t.Permissions["contents"]));
    }

    [Fact]
    public async Task NoRepoScope_NothingIsIssued_GitCannotAuthenticate_AndTheRefusalIsAudited()
    {
        using var project = await GitHubProject.StartAsync();
        var token = await project.MandateAsync($"fs:read:/src/** repo:read:{project.Server.Host}/acme/other");

        var (clone, _) = await project.CloneAsync(token);

        Assert.NotEqual(0, clone.ExitCode);
        Assert.Empty(project.Server.Tokens);
        Assert.Contains("MDT6001", clone.Stderr, StringComparison.Ordinal);
        var audit = (await project.Home.RunAsync("audit", "export", "--format", "jsonl")).AssertSuccess().Stdout;
        Assert.Contains("lease.refuse", audit, StringComparison.Ordinal);
        Assert.Contains($"repo:read:{project.Target}", audit, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoMandate_NothingIsIssued_AndGitFails()
    {
        using var project = await GitHubProject.StartAsync();
        var (clone, _) = await project.CloneAsync(null);

        Assert.NotEqual(0, clone.ExitCode);
        Assert.Empty(project.Server.Tokens);
    }

    [Fact]
    public async Task Get_AnswersWithTheTokenAndItsExpiry_AndEraseRevokesItAtGitHub()
    {
        using var project = await GitHubProject.StartAsync();
        var token = await project.MandateAsync($"repo:read:{project.Target}");
        var request = $"capability[]=authtype\ncapability[]=state\nprotocol=http\nhost={project.Server.Host}\npath=acme/api.git\nwwwauth[]=Basic realm=\"GitHub\"\n\n";

        var get = (await project.HelperAsync(token, "get", request)).AssertSuccess();
        var answer = Lines(get.Stdout);
        Assert.Equal(["password", "password_expiry_utc", "username"], answer.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("x-access-token", answer["username"]);
        var issued = answer["password"];
        Assert.True(project.Server.IsLive(issued));
        var expiry = DateTimeOffset.FromUnixTimeSeconds(long.Parse(answer["password_expiry_utc"], CultureInfo.InvariantCulture));
        Assert.InRange(expiry - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(16));

        (await project.HelperAsync(token, "store", request + $"username=x-access-token\npassword={issued}\n")).AssertSuccess();
        Assert.True(project.Server.IsLive(issued));
        var erase = (await project.HelperAsync(token, "erase", $"protocol=http\nhost={project.Server.Host}\npath=acme/api.git\nusername=x-access-token\npassword={issued}\n")).AssertSuccess();
        Assert.Equal("", erase.Stdout);
        Assert.False(project.Server.IsLive(issued));
        var leases = (await project.Home.RunAsync("lease", "list", "--active", "--json")).AssertSuccess().Stdout;
        Assert.DoesNotContain("github", leases, StringComparison.Ordinal);

        // The revoked token no longer opens the repository.
        var dir = project.Home.PathOf("with-revoked");
        var clone = await CliRunner.RunAsync("git", ["-c", "credential.helper=", "clone", "--quiet", $"http://x-access-token:{issued}@{project.Server.Host}/acme/api.git", dir], project.Environment(null), project.Home.Directory);
        Assert.NotEqual(0, clone.ExitCode);
    }

    [Theory]
    [InlineData("protocol=https\nhost=github.com\npath=acme/api.git\n")]          // no provider for github.com here
    [InlineData("protocol=https\nhost=gitlab.com\npath=acme/api.git\n")]
    [InlineData("protocol=ssh\nhost=github.com\n")]
    public async Task Get_ForAHostWithoutAProvider_SaysNothing(string request)
    {
        using var project = await GitHubProject.StartAsync();
        var token = await project.MandateAsync($"repo:write:{project.Target}");
        var get = await project.HelperAsync(token, "get", request);

        get.AssertSuccess();
        Assert.Equal("", get.Stdout);
        Assert.Empty(project.Server.Tokens);
    }

    [Fact]
    public async Task Get_WithoutAPath_SaysNothing_AndTellsHowToFixIt()
    {
        using var project = await GitHubProject.StartAsync();
        var token = await project.MandateAsync($"repo:write:{project.Target}");
        var get = await project.HelperAsync(token, "get", $"protocol=http\nhost={project.Server.Host}\n");

        Assert.Equal(0, get.ExitCode);
        Assert.Equal("", get.Stdout);
        Assert.Contains("credential.useHttpPath", get.Stderr, StringComparison.Ordinal);
        Assert.Empty(project.Server.Tokens);
    }

    [Fact]
    public async Task Erase_OfAPasswordMandateDidNotIssue_TouchesNothing()
    {
        using var project = await GitHubProject.StartAsync();
        var token = await project.MandateAsync($"repo:read:{project.Target}");
        var get = Lines((await project.HelperAsync(token, "get", $"protocol=http\nhost={project.Server.Host}\npath=acme/api\n")).AssertSuccess().Stdout);

        (await project.HelperAsync(token, "erase", $"protocol=http\nhost={project.Server.Host}\nusername=x-access-token\npassword=ghs_someoneelses0000000000000000000000\n")).AssertSuccess();
        Assert.True(project.Server.IsLive(get["password"]));
    }

    [Fact]
    public async Task Tokens_NeverAppearInTheDatabase_TheAuditExport_OrCliOutput()
    {
        using var project = await GitHubProject.StartAsync();
        var token = await project.MandateAsync($"repo:write:{project.Target}");
        var (clone, dir) = await project.CloneAsync(token);
        clone.AssertSuccess();
        (await project.CommitAndPushAsync(token, dir, "Canary change")).AssertSuccess();
        var outputs = new[]
        {
            await project.Home.RunAsync("audit", "export", "--format", "jsonl"),
            await project.Home.RunAsync("audit", "export", "--format", "ocsf"),
            await project.Home.RunAsync("lease", "list", "--json"),
        };

        var tokens = project.Server.Tokens.Select(t => t.Token).ToList();
        Assert.NotEmpty(tokens);
        var files = Directory.GetFiles(project.Home.Home, "*", SearchOption.AllDirectories);
        foreach (var canary in tokens)
        {
            foreach (var file in files)
            {
                var bytes = await File.ReadAllBytesAsync(file, TestContext.Current.CancellationToken);
                Assert.False(bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(canary)) >= 0, $"a GitHub token is in {file} in clear");
                Assert.False(bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(canary[4..20])) >= 0, $"part of a GitHub token is in {file} in clear");
            }

            foreach (var output in outputs.Append(clone))
            {
                output.AssertSuccess();
                Assert.DoesNotContain(canary[4..20], output.Stdout + output.Stderr, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task InstallGit_WritesTheHelperWithGitConfig_KeepingOtherSettings_AndIsIdempotent()
    {
        using var project = await GitHubProject.StartAsync();
        var repo = project.Home.PathOf("work");
        var env = project.Environment(null);
        (await CliRunner.RunAsync("git", ["init", "--quiet", repo], env)).AssertSuccess();
        (await CliRunner.RunAsync("git", ["-C", repo, "config", "user.name", "Jane"], env)).AssertSuccess();
        (await CliRunner.RunAsync("git", ["-C", repo, "config", "credential.https://github.com.helper", "store"], env)).AssertSuccess();

        var first = (await CliRunner.RunAsync(CliRunner.Mandate, ["install", "git", "--repo", repo, "--json"], env)).AssertSuccess();
        Assert.Contains("\"changed\":true", first.Stdout, StringComparison.Ordinal);
        Assert.Contains("\"replaced\":[\"store\"]", first.Stdout, StringComparison.Ordinal);
        var second = (await CliRunner.RunAsync(CliRunner.Mandate, ["install", "git", "--repo", repo, "--json"], env)).AssertSuccess();
        Assert.Contains("\"changed\":false", second.Stdout, StringComparison.Ordinal);

        var helpers = (await CliRunner.RunAsync("git", ["-C", repo, "config", "--local", "--get-all", "credential.https://github.com.helper"], env)).AssertSuccess().Stdout;
        Assert.Equal(["", $"{CliRunner.Mandate} credential git"], helpers.TrimEnd('\n').Split('\n'));
        Assert.Equal("true\n", (await CliRunner.RunAsync("git", ["-C", repo, "config", "--local", "credential.useHttpPath"], env)).AssertSuccess().Stdout);
        Assert.Equal("Jane\n", (await CliRunner.RunAsync("git", ["-C", repo, "config", "--local", "user.name"], env)).AssertSuccess().Stdout);
    }

    [Fact]
    public async Task InstalledHelper_IsWhatGitUses_ForTheConfiguredUrl()
    {
        using var project = await GitHubProject.StartAsync();
        var token = await project.MandateAsync($"repo:read:{project.Target}");
        var repo = project.Home.PathOf("installed");
        var env = project.Environment(token);
        (await CliRunner.RunAsync("git", ["init", "--quiet", repo], env)).AssertSuccess();
        (await CliRunner.RunAsync(CliRunner.Mandate, ["install", "git", "--repo", repo, "--url", $"http://{project.Server.Host}"], env)).AssertSuccess();
        (await CliRunner.RunAsync("git", ["-C", repo, "remote", "add", "origin", project.Server.CloneUrl], env)).AssertSuccess();

        (await CliRunner.RunAsync("git", ["-C", repo, "fetch", "--quiet", "origin"], env)).AssertSuccess();
        Assert.Single(project.Server.Tokens);
    }

    private static Dictionary<string, string> Lines(string output) =>
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('=', 2)).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
}
