using System.Security.Cryptography;
using System.Text.Json;

namespace Mandate.Cli.Tests.Commands;

/// <summary>Issue 7: mandate run starts an agent with a scrubbed environment, Mandate's helpers and released secrets, and revokes the session's leases when it exits.</summary>
public sealed class RunCommandTests
{
    [Fact]
    public async Task Run_ScrubsCredentials_InjectsHelpersAndTheSecret_AndRevokesTheLeaseAtExit()
    {
        using var home = await new TempHome().InitAsync();
        (await home.RunAsync("config", "set", "user.email", "jane@acme.dev")).AssertSuccess();
        var (agent, _) = await home.RegisterAsync();
        var secret = "pw-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        var developerToken = "ghp_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(18));
        (await home.RunWithStdinAsync(secret + "\n", "secret", "put", "db/password")).AssertSuccess();
        var token = (await home.RunAsync("grant", "--agent", agent, "--task", "migrate", "--purpose", "run the migration", "--scope", "secret:read:db/password exec:run:sh", "--ttl", "30m")).AssertSuccess().Stdout.Trim();
        var env = new Dictionary<string, string?>(home.Environment)
        {
            ["MANDATE_TOKEN"] = token,
            ["GITHUB_TOKEN"] = developerToken,
            ["AWS_SECRET_ACCESS_KEY"] = developerToken,
            ["OPENAI_API_KEY"] = developerToken,
            ["SSH_AUTH_SOCK"] = "/tmp/agent.sock",
            ["KEEP_ME"] = "yes",
        };

        var dry = (await CliRunner.RunAsync(CliRunner.Mandate, ["run", "--dry-run", "--secret", "db/password", "--", "sh"], env)).AssertSuccess();
        Assert.Contains("GITHUB_TOKEN", dry.Stdout, StringComparison.Ordinal);
        Assert.Contains("SSH_AUTH_SOCK", dry.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(developerToken, dry.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, dry.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("KEEP_ME", dry.Stdout, StringComparison.Ordinal);

        var run = await CliRunner.RunAsync(CliRunner.Mandate, ["run", "--secret", "db/password", "--", "sh", "-c", "env; test ! -e \"$MANDATE_TOKEN\""], env);
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.DoesNotContain(developerToken, run.Stdout, StringComparison.Ordinal);
        Assert.Contains("DB_PASSWORD=" + secret, run.Stdout, StringComparison.Ordinal);
        Assert.Contains("runs Mandate's hooks, so its tool calls are not decided", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, run.Stderr, StringComparison.Ordinal);
        Assert.Contains("KEEP_ME=yes", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("MANDATE_TOKEN_FILE=", run.Stdout, StringComparison.Ordinal);
        Assert.Contains(" credential git", run.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("SSH_AUTH_SOCK", run.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("\nMANDATE_TOKEN=", run.Stdout, StringComparison.Ordinal);
        var tokenFile = run.Stdout.Split('\n').First(l => l.StartsWith("MANDATE_TOKEN_FILE=", StringComparison.Ordinal))["MANDATE_TOKEN_FILE=".Length..];
        Assert.False(File.Exists(tokenFile), "the session's token file outlived the agent");
        var svid = run.Stdout.Split('\n').First(l => l.StartsWith("MANDATE_SVID=", StringComparison.Ordinal))["MANDATE_SVID=".Length..];
        Assert.False(File.Exists(svid), "the session's SVID outlived the agent");
        var issuedSvid = (await home.RunAsync("audit", "list", "--json")).AssertSuccess().Stdout;
        Assert.Contains("/session/run-", issuedSvid, StringComparison.Ordinal);

        var leases = (await home.RunAsync("lease", "list", "--json")).AssertSuccess().Stdout;
        Assert.DoesNotContain(secret, leases, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(leases);
        var lease = Assert.Single(json.RootElement.EnumerateArray());
        Assert.NotEqual(JsonValueKind.Null, lease.GetProperty("revoked_at").ValueKind);
    }

    [Fact]
    public async Task Run_WithoutTheSecretsScope_StartsNothing_AndTheRefusalIsAudited()
    {
        using var home = await new TempHome().InitAsync();
        (await home.RunAsync("config", "set", "user.email", "jane@acme.dev")).AssertSuccess();
        var (agent, _) = await home.RegisterAsync();
        (await home.RunWithStdinAsync("s3cr3t-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)), "secret", "put", "prod/key")).AssertSuccess();
        var token = (await home.RunAsync("grant", "--agent", agent, "--task", "t", "--purpose", "p", "--scope", "exec:run:sh")).AssertSuccess().Stdout.Trim();
        var marker = Path.Combine(home.Directory, "started");
        var run = await CliRunner.RunAsync(CliRunner.Mandate, ["run", "--mandate", token, "--secret", "prod/key", "--", "touch", marker], home.Environment);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("secret:read:prod/key", run.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(marker), "the agent started although its secret was refused");
        var audit = (await home.RunAsync("audit", "list", "--kind", "credential", "--json")).AssertSuccess().Stdout;
        Assert.Contains("lease.refuse", audit, StringComparison.Ordinal);
    }
}
