using System.Text.Json;

namespace Mandate.Cli.Tests.Commands;

public sealed class AgentCommandTests
{
    [Fact]
    public async Task Register_PrintsTheIdAndSpiffeId()
    {
        using var home = await new TempHome().InitAsync();

        var result = (await home.RunAsync("agent", "register", "--type", "claude-code", "--project", "webapp", "--sponsor", "jane@acme.dev")).AssertSuccess();

        Assert.Matches(@"Registered agent agt_[0-9a-f]{16}", result.Stdout);
        Assert.Contains("spiffe://acme.dev/agent/claude-code/webapp", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Register_Json_HasEveryField()
    {
        using var home = await new TempHome().InitAsync();

        var result = (await home.RunAsync(
            "agent", "register", "--type", "claude-code", "--project", "webapp", "--sponsor", "Jane@Acme.dev",
            "--model", "claude-sonnet-4", "--provider", "anthropic", "--description", "builds the web app", "--json")).AssertSuccess();

        using var json = JsonDocument.Parse(result.Stdout);
        var a = json.RootElement;
        Assert.Matches("^agt_[0-9a-f]{16}$", a.GetProperty("id").GetString());
        Assert.Equal("spiffe://acme.dev/agent/claude-code/webapp", a.GetProperty("spiffe_id").GetString());
        Assert.Equal("claude-code", a.GetProperty("type").GetString());
        Assert.Equal("webapp", a.GetProperty("project").GetString());
        Assert.Equal("jane@acme.dev", a.GetProperty("sponsor").GetString());
        Assert.Equal("claude-sonnet-4", a.GetProperty("model").GetString());
        Assert.Equal("anthropic", a.GetProperty("provider").GetString());
        Assert.Equal("builds the web app", a.GetProperty("description").GetString());
        Assert.Equal("active", a.GetProperty("status").GetString());
        Assert.True(a.GetProperty("created_at").TryGetDateTimeOffset(out _));
    }

    [Fact]
    public async Task Register_SameTypeAndProject_GetsANumberedIdAndSaysSo()
    {
        using var home = await new TempHome().InitAsync();
        var first = await home.RegisterAsync();

        var second = (await home.RunAsync("agent", "register", "--type", "claude-code", "--project", "webapp", "--sponsor", "jane@acme.dev")).AssertSuccess();
        var third = await home.RegisterAsync();

        Assert.Equal("spiffe://acme.dev/agent/claude-code/webapp", first.SpiffeId);
        Assert.Contains("spiffe://acme.dev/agent/claude-code/webapp-2", second.Stdout, StringComparison.Ordinal);
        Assert.Contains("already taken", second.Stdout, StringComparison.Ordinal);
        Assert.Equal("spiffe://acme.dev/agent/claude-code/webapp-3", third.SpiffeId);
    }

    [Fact]
    public async Task Register_ConcurrentProcesses_AllSucceedWithDistinctIds()
    {
        using var home = await new TempHome().InitAsync();

        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ =>
            home.RunAsync("agent", "register", "--type", "claude-code", "--project", "webapp", "--sponsor", "jane@acme.dev", "--json")));

        var ids = results.Select(r =>
        {
            r.AssertSuccess();
            using var json = JsonDocument.Parse(r.Stdout);
            return json.RootElement.GetProperty("spiffe_id").GetString();
        }).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(
            ["", "-2", "-3", "-4", "-5", "-6"],
            ids.Select(id => id!["spiffe://acme.dev/agent/claude-code/webapp".Length..]).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("claude code", "webapp", "jane@acme.dev")]
    [InlineData("claude-code", "web/app", "jane@acme.dev")]
    [InlineData("claude-code", "..", "jane@acme.dev")]
    [InlineData("claude-code", "webapp", "jane")]
    public async Task Register_InvalidField_IsRefused(string type, string project, string sponsor)
    {
        using var home = await new TempHome().InitAsync();

        (await home.RunAsync("agent", "register", "--type", type, "--project", project, "--sponsor", sponsor)).AssertError(1, "MDT1012");

        Assert.Equal("[]", (await home.RunAsync("agent", "list", "--json")).AssertSuccess().Stdout.Trim());
    }

    [Fact]
    public async Task Register_MissingSponsor_IsAUsageError()
    {
        using var home = await new TempHome().InitAsync();

        (await home.RunAsync("agent", "register", "--type", "claude-code", "--project", "webapp")).AssertError(2, "MDT0002");
    }

    [Fact]
    public async Task List_ShowsEveryAgent_AsATableAndAsJson()
    {
        using var home = await new TempHome().InitAsync();
        var a = await home.RegisterAsync();
        var b = await home.RegisterAsync("cursor", "api");

        var table = (await home.RunAsync("agent", "list")).AssertSuccess();
        var json = (await home.RunAsync("agent", "list", "--json")).AssertSuccess();

        Assert.Contains(a.Id, table.Stdout, StringComparison.Ordinal);
        Assert.Contains(b.SpiffeId, table.Stdout, StringComparison.Ordinal);
        using var doc = JsonDocument.Parse(json.Stdout);
        Assert.Equal([a.Id, b.Id], doc.RootElement.EnumerateArray().Select(e => e.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task List_Empty_SaysHowToRegister()
    {
        using var home = await new TempHome().InitAsync();

        var result = (await home.RunAsync("agent", "list")).AssertSuccess();

        Assert.Contains("mandate agent register", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Show_FindsAnAgentByIdOrSpiffeId()
    {
        using var home = await new TempHome().InitAsync();
        var agent = await home.RegisterAsync();

        var byId = (await home.RunAsync("agent", "show", agent.Id)).AssertSuccess();
        var bySpiffeId = (await home.RunAsync("agent", "show", agent.SpiffeId, "--json")).AssertSuccess();

        Assert.Contains(agent.SpiffeId, byId.Stdout, StringComparison.Ordinal);
        Assert.Contains("active", byId.Stdout, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(bySpiffeId.Stdout);
        Assert.Equal(agent.Id, json.RootElement.GetProperty("id").GetString());
    }

    [Theory]
    [InlineData("agt_0123456789abcdef")]
    [InlineData("spiffe://acme.dev/agent/claude-code/nobody")]
    [InlineData("nope")]
    public async Task Show_UnknownAgent_IsMDT1010(string id)
    {
        using var home = await new TempHome().InitAsync();

        (await home.RunAsync("agent", "show", id)).AssertError(1, "MDT1010");
    }

    [Fact]
    public async Task UnknownAgent_Json_IsOneJsonErrorLine()
    {
        using var home = await new TempHome().InitAsync();

        var result = await home.RunAsync("agent", "show", "nope", "--json");

        Assert.Equal(1, result.ExitCode);
        result.AssertNoStackTrace();
        using var json = JsonDocument.Parse(result.Stderr);
        Assert.Equal("MDT1010", json.RootElement.GetProperty("code").GetString());
        Assert.False(string.IsNullOrEmpty(json.RootElement.GetProperty("fix").GetString()));
    }

    [Fact]
    public async Task Revoke_IsPermanent_AndTheAgentGetsNoSvid()
    {
        using var home = await new TempHome().InitAsync();
        var agent = await home.RegisterAsync();

        var revoked = (await home.RunAsync("agent", "revoke", agent.Id, "--reason", "task finished", "--json")).AssertSuccess();

        using (var json = JsonDocument.Parse(revoked.Stdout))
        {
            Assert.Equal("revoked", json.RootElement.GetProperty("status").GetString());
            Assert.Equal("task finished", json.RootElement.GetProperty("revocation_reason").GetString());
        }

        (await home.RunAsync("agent", "revoke", agent.Id, "--reason", "again")).AssertError(1, "MDT1013");
        (await home.RunAsync("svid", "jwt", "--agent", agent.Id, "--audience", "https://api.acme.dev")).AssertError(1, "MDT1011");
        (await home.RunAsync("svid", "x509", "--agent", agent.Id, "--out", home.PathOf("out"))).AssertError(1, "MDT1011");
        Assert.False(File.Exists(Path.Combine(home.PathOf("out"), "svid.pem")));
        var shown = (await home.RunAsync("agent", "show", agent.Id)).AssertSuccess();
        Assert.Contains("revoked", shown.Stdout, StringComparison.Ordinal);
        // A new agent for the same type and project does not inherit the revoked one's ID.
        Assert.Equal("spiffe://acme.dev/agent/claude-code/webapp-2", (await home.RegisterAsync()).SpiffeId);
    }

    [Fact]
    public async Task Revoke_WithoutReason_IsAUsageError_AndAnEmptyReasonIsRefused()
    {
        using var home = await new TempHome().InitAsync();
        var agent = await home.RegisterAsync();

        (await home.RunAsync("agent", "revoke", agent.Id)).AssertError(2, "MDT0002");
        (await home.RunAsync("agent", "revoke", agent.Id, "--reason", " ")).AssertError(1, "MDT1012");
        (await home.RunAsync("agent", "revoke", "agt_0123456789abcdef", "--reason", "why")).AssertError(1, "MDT1010");
    }
}
