using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Mandate.Cli.Tests.Commands;

/// <summary>
/// Static secrets and leases through the binary: a secret put on stdin is released as an audited lease only under a
/// mandate covering secret:read:&lt;name&gt;, and its value (a canary) is nowhere else: not in the database file, the
/// audit export, the lease or secret listings.
/// </summary>
public sealed class LeaseCommandTests
{
    private const string Name = "prod/stripe/key";

    [Fact]
    public async Task SecretPut_ThenLeaseSecretIntoAProcess_UnderTheScope_RefusedAndAuditedWithout_CanaryNowhereElse()
    {
        using var s = await MandateSession.StartAsync();
        var canary = "canary-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

        var put = (await s.Home.RunWithStdinAsync(canary + "\n", "secret", "put", Name)).AssertSuccess();
        Assert.DoesNotContain(canary, put.Stdout, StringComparison.Ordinal);
        var secrets = (await s.RunAsync("secret", "list", "--json")).AssertSuccess();
        Assert.Equal(Name, JsonDocument.Parse(secrets.Stdout).RootElement[0].GetProperty("name").GetString());

        var allowed = await s.GrantAsync("secret:read:prod/stripe/* fs:read:/src/**");
        var revealed = (await s.RunAsync("lease", "secret", Name, "--mandate", allowed.Token, "--", "sh", "-c", "printf '%s|' \"$PROD_STRIPE_KEY\"")).AssertSuccess();
        Assert.Equal(canary + "|", revealed.Stdout); // exactly the value, in the process's environment: the trailing newline of the input was dropped

        var quiet = (await s.RunAsync("lease", "secret", Name, "--ttl", "5m", "--mandate", allowed.Token)).AssertSuccess();
        Assert.Matches(@"^Leased secret prod/stripe/key as lse_[0-9a-f]{32} until ", quiet.Stdout);
        Assert.DoesNotContain(canary, quiet.Stdout, StringComparison.Ordinal);

        var fromEnvironment = (await CliRunner.RunMandateAsync(
            new Dictionary<string, string?> { ["MANDATE_HOME"] = s.Home.Home, ["MANDATE_TOKEN"] = allowed.Token },
            "lease", "secret", Name, "--json")).AssertSuccess();
        using (var json = JsonDocument.Parse(fromEnvironment.Stdout))
        {
            Assert.Equal("PROD_STRIPE_KEY", json.RootElement.GetProperty("env").GetString());
            Assert.False(json.RootElement.TryGetProperty("value", out _));
        }

        var other = await s.GrantAsync(MandateSession.RootScope);
        var refused = await s.RunAsync("lease", "secret", Name, "--mandate", other.Token, "--", "sh", "-c", "echo started");
        refused.AssertError(1, "MDT6001");
        Assert.Contains("secret:read:prod/stripe/key", refused.Stderr, StringComparison.Ordinal);
        Assert.Empty(refused.Stdout);
        var refusal = Assert.Single(await s.AuditAsync("lease.refuse"));
        Assert.Equal("credential", refusal.GetProperty("kind").GetString());
        Assert.Equal(other.Jti, refusal.GetProperty("mandate").GetString());
        Assert.Equal("user:" + MandateSession.Human, refusal.GetProperty("on_behalf_of").GetString());
        Assert.Equal("deny", refusal.GetProperty("decision").GetProperty("effect").GetString());

        var issues = await s.AuditAsync("lease.issue");
        Assert.Equal(3, issues.Count);
        Assert.All(issues, r => Assert.Equal(allowed.Jti, r.GetProperty("mandate").GetString()));
        Assert.All(issues, r => Assert.StartsWith("lse_", r.GetProperty("credential").GetProperty("lease_id").GetString(), StringComparison.Ordinal));

        var leases = (await s.RunAsync("lease", "list", "--json")).AssertSuccess();
        Assert.Equal(3, JsonDocument.Parse(leases.Stdout).RootElement.GetArrayLength());
        var listed = (await s.RunAsync("lease", "list")).AssertSuccess();
        var export = (await s.RunAsync("audit", "export")).AssertSuccess();
        var auditList = (await s.RunAsync("audit", "list", "--limit", "1000", "--json")).AssertSuccess();
        foreach (var output in new[] { leases, listed, export, auditList, (await s.RunAsync("secret", "list")).AssertSuccess() })
        {
            Assert.DoesNotContain(canary, output.Stdout, StringComparison.Ordinal);
        }

        AssertNotInHomeFiles(s.Home, canary);
    }

    [Fact]
    public async Task RevokingTheMandate_RevokesItsLeases_AndRenewSweepRevokeWork()
    {
        using var s = await MandateSession.StartAsync();
        (await s.Home.RunWithStdinAsync("value-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)), "secret", "put", Name)).AssertSuccess();
        var mandate = await s.GrantAsync("secret:read:prod/**");
        var first = LeaseId((await s.RunAsync("lease", "secret", Name, "--json", "--mandate", mandate.Token)).AssertSuccess());
        var second = LeaseId((await s.RunAsync("lease", "secret", Name, "--json", "--mandate", mandate.Token)).AssertSuccess());

        var renewed = (await s.RunAsync("lease", "renew", first, "--ttl", "30m", "--json")).AssertSuccess();
        Assert.Equal(1, JsonDocument.Parse(renewed.Stdout).RootElement.GetProperty("renewals").GetInt32());
        (await s.RunAsync("lease", "renew", "lse_" + new string('0', 32))).AssertError(1, "MDT6004");

        var revokedOne = (await s.RunAsync("lease", "revoke", second, "--reason", "not needed")).AssertSuccess();
        Assert.Contains("Revoked 1 lease(s)", revokedOne.Stdout, StringComparison.Ordinal);
        Assert.Contains("already revoked", (await s.RunAsync("lease", "revoke", second)).AssertSuccess().Stdout, StringComparison.Ordinal);
        (await s.RunAsync("lease", "revoke")).AssertError(1, "MDT6003");

        var revoked = (await s.RunAsync("revoke", mandate.Jti, "--reason", "task cancelled")).AssertSuccess();
        Assert.Contains("Revoked 1 lease(s) issued under them", revoked.Stdout, StringComparison.Ordinal);
        var active = (await s.RunAsync("lease", "list", "--active", "--json")).AssertSuccess();
        Assert.Equal(0, JsonDocument.Parse(active.Stdout).RootElement.GetArrayLength());
        var record = Assert.Single(await s.AuditAsync("lease.revoke"), r => r.GetProperty("credential").GetProperty("lease_id").GetString() == first);
        Assert.Equal("mandate revoked: task cancelled", record.GetProperty("details").GetProperty("reason").GetString());
        (await s.RunAsync("lease", "secret", Name, "--mandate", mandate.Token)).AssertError(1, "MDT2019");

        Assert.Contains("Nothing to sweep", (await s.RunAsync("lease", "sweep")).AssertSuccess().Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProviderAdd_StoresTheConnectionEncrypted_AndListShowsOnlyHostAndDatabase()
    {
        using var home = await new TempHome().InitAsync();
        var password = "pw-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

        var added = (await home.RunAsync(
            "provider", "add", "postgres", "--name", "orders-db",
            "--connection", $"Host=db.internal;Port=5433;Database=orders;Username=mandate_admin;Password={password}",
            "--template", "report=GRANT SELECT ON orders TO {{name}}")).AssertSuccess();
        Assert.Contains("db.internal:5433/orders", added.Stdout, StringComparison.Ordinal);
        (await home.RunAsync("provider", "add", "postgres", "--name", "orders-db", "--connection", "Host=x;Database=y")).AssertError(1, "MDT6013");
        (await home.RunAsync("provider", "add", "oracle", "--name", "x", "--connection", "Host=x")).AssertError(1, "MDT6015");

        var list = (await home.RunAsync("provider", "list", "--json")).AssertSuccess();
        using var json = JsonDocument.Parse(list.Stdout);
        var provider = json.RootElement[0];
        Assert.Equal(("orders-db", "postgres", "db.internal:5433/orders"), (provider.GetProperty("name").GetString(), provider.GetProperty("kind").GetString(), provider.GetProperty("target").GetString()));
        foreach (var output in new[] { added, list, (await home.RunAsync("provider", "list")).AssertSuccess(), (await home.RunAsync("audit", "export")).AssertSuccess() })
        {
            Assert.DoesNotContain(password, output.Stdout, StringComparison.Ordinal);
            Assert.DoesNotContain("mandate_admin", output.Stdout, StringComparison.Ordinal);
        }

        AssertNotInHomeFiles(home, password);
    }

    [Fact]
    public async Task TheHook_SweepsExpiredLeasesAtSessionStart_NotOnToolCalls()
    {
        using var p = await HookProject.CreateAsync();
        (await p.Home.RunWithStdinAsync("value-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)), "secret", "put", Name)).AssertSuccess();
        var agent = await p.Home.RegisterAsync();
        var granted = (await p.MandateAsync("grant", "--agent", agent.Id, "--task", "pay", "--purpose", "refunds", "--scope", "secret:read:prod/**", "--json")).AssertSuccess();
        var token = JsonDocument.Parse(granted.Stdout).RootElement.GetProperty("token").GetString()!;
        var lease = LeaseId((await p.MandateAsync("lease", "secret", Name, "--ttl", "1s", "--json", "--mandate", token)).AssertSuccess());

        // One short real-time expiry: wait until the store itself calls the lease expired (no timing is asserted).
        for (var i = 0; i < 100 && Status(await p.MandateAsync("lease", "list", "--json"), lease) != "expired"; i++)
        {
            await Task.Delay(200, TestContext.Current.CancellationToken);
        }

        Assert.Equal("expired", Status(await p.MandateAsync("lease", "list", "--json"), lease));
        await p.HookAsync("claude-code", p.Bash("s1", "ls"));
        Assert.Equal("expired", Status(await p.MandateAsync("lease", "list", "--json"), lease));

        (await p.HookAsync("claude-code", HookProject.Claude("SessionStart", "s1", cwd: p.Project))).AssertSuccess();

        Assert.Equal("revoked", Status(await p.MandateAsync("lease", "list", "--json"), lease));
        var records = (await p.MandateAsync("audit", "list", "--kind", "credential", "--json")).AssertSuccess();
        using var json = JsonDocument.Parse(records.Stdout);
        var expired = Assert.Single(json.RootElement.EnumerateArray(), r => r.GetProperty("event").GetString() == "lease.expire");
        Assert.Equal(lease, expired.GetProperty("credential").GetProperty("lease_id").GetString());
        Assert.Equal("expired", expired.GetProperty("details").GetProperty("reason").GetString());
    }

    private static string? Status(ProcessResult list, string leaseId)
    {
        using var json = JsonDocument.Parse(list.AssertSuccess().Stdout);
        return json.RootElement.EnumerateArray().Single(l => l.GetProperty("id").GetString() == leaseId).GetProperty("status").GetString();
    }

    private static string LeaseId(ProcessResult result)
    {
        using var json = JsonDocument.Parse(result.Stdout);
        return json.RootElement.GetProperty("lease_id").GetString()!;
    }

    /// <summary>Not in any file of the home: the database, its WAL, keys, config.</summary>
    private static void AssertNotInHomeFiles(TempHome home, string canary)
    {
        var bytes = Encoding.UTF8.GetBytes(canary);
        var files = Directory.GetFiles(home.Home, "*", SearchOption.AllDirectories);
        Assert.Contains(files, f => Path.GetFileName(f) == "mandate.db");
        foreach (var file in files)
        {
            Assert.True(File.ReadAllBytes(file).AsSpan().IndexOf(bytes) < 0, $"the canary is in {file}");
        }
    }
}
