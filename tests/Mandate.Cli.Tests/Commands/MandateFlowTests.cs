using System.Buffers.Text;
using System.Text.Json;

namespace Mandate.Cli.Tests.Commands;

/// <summary>A new user's whole flow through the CLI: grant, delegate, verify, inspect, list, revoke.</summary>
public sealed class MandateFlowTests
{
    [Fact]
    public async Task NewUser_GrantsDelegatesVerifiesInspectsListsAndRevokes()
    {
        using var s = await MandateSession.StartAsync();

        var root = await s.GrantAsync(MandateSession.RootScope, "--ttl", "2h");
        var child = await s.DelegateAsync(root.Token, "fs:read:/src/tests/** exec:run:dotnet", "--purpose", "run the unit tests", "--ttl", "30m");

        Assert.Matches("^mdt_[0-9a-f]+$", root.Jti);
        Assert.Equal(s.Main.SpiffeId, root.Actor);
        Assert.Equal(0, root.Depth);
        Assert.StartsWith("fix-flaky-tests-", root.TaskId, StringComparison.Ordinal);
        Assert.Equal(s.Sub.SpiffeId, child.Actor);
        Assert.Equal(1, child.Depth);
        Assert.Equal(root.TaskId, child.TaskId);
        Assert.NotEqual(root.Jti, child.Jti);
        Assert.True(child.ExpiresAt <= root.ExpiresAt, $"{child.ExpiresAt} after {root.ExpiresAt}");

        var verified = (await s.RunAsync("verify", child.Token)).AssertSuccess();
        Assert.Contains($"valid mandate {child.Jti}", verified.Stdout, StringComparison.Ordinal);
        Assert.Contains($"{s.Sub.SpiffeId} acts for {MandateSession.Human}", verified.Stdout, StringComparison.Ordinal);
        var verifiedJson = (await s.RunAsync("verify", child.Token, "--json")).AssertSuccess();
        using (var json = JsonDocument.Parse(verifiedJson.Stdout))
        {
            Assert.True(json.RootElement.GetProperty("valid").GetBoolean());
            Assert.Equal(MandateSession.Human, json.RootElement.GetProperty("human").GetString());
            Assert.Equal(1, json.RootElement.GetProperty("depth").GetInt32());
        }

        var tree = (await s.RunAsync("inspect", child.Token)).AssertSuccess().Stdout;
        Assert.Contains($"mandate {child.Jti}", tree, StringComparison.Ordinal);
        Assert.Contains("valid", tree, StringComparison.Ordinal);
        Assert.Contains($"{root.TaskId}: run the unit tests", tree, StringComparison.Ordinal);
        Assert.Contains($"user:{MandateSession.Human}", tree, StringComparison.Ordinal);
        Assert.Contains($"→ {s.Main.SpiffeId}", tree, StringComparison.Ordinal);
        Assert.Contains($"{s.Main.SpiffeId} → {s.Sub.SpiffeId}", tree, StringComparison.Ordinal);
        Assert.Contains("scope fs:read:/src/tests/** exec:run:dotnet", tree, StringComparison.Ordinal);
        Assert.Contains($"jti {root.Jti}", tree, StringComparison.Ordinal);
        Assert.Contains($"jti {child.Jti}", tree, StringComparison.Ordinal);
        Assert.True(
            tree.IndexOf($"jti {root.Jti}", StringComparison.Ordinal) < tree.IndexOf($"jti {child.Jti}", StringComparison.Ordinal),
            "the root hop comes before the child's\n" + tree);

        var all = await s.ListAsync();
        Assert.Equal(Sorted(root.Jti, child.Jti), Jtis(all));
        Assert.All(all.EnumerateArray(), m => Assert.Equal("active", m.GetProperty("status").GetString()));
        var byChild = all.EnumerateArray().Single(m => m.GetProperty("jti").GetString() == child.Jti);
        Assert.Equal(root.Jti, byChild.GetProperty("parent").GetString());
        Assert.Equal(s.Sub.Id, byChild.GetProperty("agent_id").GetString());
        Assert.Single((await s.ListAsync("--agent", s.Sub.Id)).EnumerateArray());
        Assert.Equal(2, (await s.ListAsync("--human", MandateSession.Human)).GetArrayLength());
        Assert.Equal(0, (await s.ListAsync("--human", "bob@acme.dev")).GetArrayLength());
        Assert.Contains(root.Jti, (await s.RunAsync("list")).AssertSuccess().Stdout, StringComparison.Ordinal);

        var revoked = (await s.RunAsync("revoke", root.Jti, "--reason", "task done")).AssertSuccess();
        Assert.Contains("Revoked 2 mandate(s)", revoked.Stdout, StringComparison.Ordinal);
        Assert.Contains(child.Jti, revoked.Stdout, StringComparison.Ordinal);

        (await s.RunAsync("verify", child.Token)).AssertError(1, "MDT2019");
        (await s.RunAsync("verify", root.Token)).AssertError(1, "MDT2019");
        Assert.Equal(0, (await s.ListAsync("--active")).GetArrayLength());
        Assert.Contains("No mandates", (await s.RunAsync("list", "--active")).AssertSuccess().Stdout, StringComparison.Ordinal);
        Assert.All((await s.ListAsync()).EnumerateArray(), m => Assert.Equal("revoked", m.GetProperty("status").GetString()));
        Assert.Contains("already revoked", (await s.RunAsync("revoke", root.Jti, "--reason", "again")).AssertSuccess().Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Grant_TokenCarriesTheDesignClaims()
    {
        using var s = await MandateSession.StartAsync();

        var root = await s.GrantAsync(MandateSession.RootScope, "--ttl", "2h", "--max-depth", "3", "--ask", "repo:push:github.com/acme/webapp", "--audience", "https://api.acme.dev");

        var parts = root.Token.Split('.');
        using var header = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[0]));
        using var payload = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1]));
        var h = header.RootElement;
        var c = payload.RootElement;
        Assert.Equal("mandate+jwt", h.GetProperty("typ").GetString());
        Assert.Equal("ES256", h.GetProperty("alg").GetString());
        Assert.Equal("spiffe://acme.dev", c.GetProperty("iss").GetString());
        Assert.Equal($"user:{MandateSession.Human}", c.GetProperty("sub").GetString());
        Assert.Equal(s.Main.SpiffeId, c.GetProperty("act").GetProperty("sub").GetString());
        Assert.Equal(root.Jti, c.GetProperty("jti").GetString());
        Assert.Equal(root.TaskId, c.GetProperty("task").GetProperty("id").GetString());
        Assert.Equal("make CI green", c.GetProperty("task").GetProperty("purpose").GetString());
        Assert.Equal(7200, c.GetProperty("exp").GetInt64() - c.GetProperty("iat").GetInt64());
        Assert.Equal(3, c.GetProperty("constraints").GetProperty("max_depth").GetInt32());
        Assert.Equal(1, c.GetProperty("delegation_chain").GetArrayLength());
        (await s.RunAsync("verify", root.Token, "--audience", "https://api.acme.dev")).AssertSuccess();
        (await s.RunAsync("verify", root.Token, "--audience", "https://evil.example")).AssertError(1, "MDT2017");
    }

    [Fact]
    public async Task Verify_TamperedToken_FailsWithTheSignatureCheck()
    {
        using var s = await MandateSession.StartAsync();
        var root = await s.GrantAsync();
        var parts = root.Token.Split('.');
        var payload = System.Text.Encoding.UTF8.GetString(Base64Url.DecodeFromChars(parts[1]))
            .Replace("fs:read:/src/**", "fs:read:/**/**", StringComparison.Ordinal);
        Assert.Contains("fs:read:/**/**", payload, StringComparison.Ordinal);
        var tampered = $"{parts[0]}.{Base64Url.EncodeToString(System.Text.Encoding.UTF8.GetBytes(payload))}.{parts[2]}";
        var flipped = root.Token[..^4] + (root.Token.EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB" : "AAAA");

        (await s.RunAsync("verify", tampered)).AssertError(1, "MDT2013");
        (await s.RunAsync("verify", flipped)).AssertError(1, "MDT2013");
        (await s.RunAsync("verify", "not-a-token")).AssertError(1, "MDT2010");
        Assert.Contains("NOT VALID: MDT2013", (await s.RunAsync("inspect", tampered)).AssertSuccess().Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_ReadsTheTokenFromAFile()
    {
        using var s = await MandateSession.StartAsync();
        var root = await s.GrantAsync();
        var file = s.Home.PathOf("mandate.jwt");
        File.WriteAllText(file, root.Token + "\n");

        var child = await s.DelegateAsync(file);

        Assert.Contains(root.Jti, (await s.RunAsync("verify", file)).AssertSuccess().Stdout, StringComparison.Ordinal);
        Assert.Equal(1, child.Depth);
    }

    [Fact]
    public async Task Revoke_NothingNamed_IsMDT2006_AndAnUnknownJtiIsRefused()
    {
        using var s = await MandateSession.StartAsync();
        await s.GrantAsync();

        (await s.RunAsync("revoke", "--reason", "no target")).AssertError(1, "MDT2006");
        var unknown = (await s.RunAsync("revoke", "mdt_00000000000000000000000000000000", "--reason", "typo")).AssertError(1, "MDT2006");

        Assert.Contains("mdt_00000000000000000000000000000000", unknown.Stderr, StringComparison.Ordinal);
        Assert.Equal(1, (await s.ListAsync("--active")).GetArrayLength());
    }

    [Fact]
    public async Task Revoke_ByTaskAndByHuman_RevokeEveryMandateOfIt()
    {
        using var s = await MandateSession.StartAsync();
        var first = await s.GrantAsync();
        var second = await s.GrantAsync();
        var child = await s.DelegateAsync(second.Token);

        (await s.RunAsync("revoke", "--task", first.TaskId, "--reason", "task cancelled")).AssertSuccess();
        Assert.Equal(Sorted(second.Jti, child.Jti), Jtis(await s.ListAsync("--active")));

        (await s.RunAsync("revoke", "--human", "Jane@Acme.dev", "--reason", "offboarded")).AssertSuccess();
        Assert.Equal(0, (await s.ListAsync("--active")).GetArrayLength());
        (await s.RunAsync("verify", child.Token)).AssertError(1, "MDT2019");
    }

    private static string[] Sorted(params string[] jtis) => [.. jtis.Order(StringComparer.Ordinal)];

    private static string[] Jtis(JsonElement list) => [.. list.EnumerateArray().Select(m => m.GetProperty("jti").GetString()!).Order(StringComparer.Ordinal)];
}
