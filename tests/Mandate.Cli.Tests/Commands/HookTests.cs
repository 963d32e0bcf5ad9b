using System.Text.Json;
using System.Text.Json.Nodes;

namespace Mandate.Cli.Tests.Commands;

/// <summary>Issue 6 end to end: the installed binary, real hook JSON on stdin, each agent dialect, sessions, shadow mode and why.</summary>
public sealed class HookTests
{
    [Fact]
    public async Task InstallClaudeCode_ThenSession_GrantsTheDefaultTask_DeniesSecrets_AllowsWork_AndRevokesAtEnd()
    {
        using var p = await HookProject.CreateAsync();
        (await p.MandateAsync("install", "claude-code")).AssertSuccess();
        var settings = JsonNode.Parse(File.ReadAllText(Path.Combine(p.Project, ".claude", "settings.json")))!;
        var command = (string)settings["hooks"]!["PreToolUse"]![0]!["hooks"]![0]!["command"]!;
        var hookBinary = Path.Combine(Path.GetDirectoryName(CliRunner.Mandate)!, "mandate-hook");
        Assert.Equal(File.Exists(hookBinary) ? hookBinary + " claude-code" : CliRunner.Mandate + " hook claude-code", command);

        // Every event goes through the registered command, as Claude Code runs it (mandate-hook passes session events on to mandate).
        (await p.MandateAsync("task", "default", "--scope", $"fs:read:{p.Project}/** fs:write:{p.Project}/src/** exec:run:git exec:run:cat", "--purpose", "fix the login bug", "--ttl", "1h")).AssertSuccess();
        (await p.InstalledHookAsync(command, HookProject.Claude("SessionStart", "s1", cwd: p.Project))).AssertSuccess();

        var secret = HookProject.ClaudeDecision(await p.InstalledHookAsync(command, p.Bash("s1", "cat .env")));
        var work = HookProject.ClaudeDecision(await p.InstalledHookAsync(command, p.Bash("s1", "git status")));
        var outside = HookProject.ClaudeDecision(await p.InstalledHookAsync(command, p.Bash("s1", "terraform apply")));
        Assert.Equal("deny", secret.Decision);
        Assert.Contains("secrets.env-file", secret.Reason, StringComparison.Ordinal);
        Assert.Equal("allow", work.Decision);
        Assert.Equal("deny", outside.Decision);
        Assert.Contains("exec:run:terraform", outside.Reason, StringComparison.Ordinal);

        var list = (await p.MandateAsync("audit", "list", "--kind", "decision", "--json", "--limit", "10")).AssertSuccess();
        Assert.Contains("fix the login bug", list.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(p.Secret, list.Stdout, StringComparison.Ordinal);

        (await p.InstalledHookAsync(command, HookProject.Claude("SessionEnd", "s1", cwd: p.Project))).AssertSuccess();
        var after = HookProject.ClaudeDecision(await p.InstalledHookAsync(command, p.Bash("s1", "git status")));
        Assert.Equal("ask", after.Decision); // the session's mandate ended with it: back to the no-mandate profile
        var mandates = (await p.MandateAsync("list", "--json")).AssertSuccess();
        Assert.Contains("revoked", mandates.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RevokingTheSessionMandate_DeniesTheNextCall_AndAnExpiredOrForgedMandateNeverFallsBackToNoMandate()
    {
        using var p = await HookProject.CreateAsync();
        (await p.MandateAsync("task", "default", "--scope", $"fs:read:{p.Project}/** exec:run:git", "--purpose", "review")).AssertSuccess();
        (await p.HookAsync("claude-code", HookProject.Claude("SessionStart", "s4", cwd: p.Project))).AssertSuccess();
        Assert.Equal("allow", HookProject.ClaudeDecision(await p.HookAsync("claude-code", p.Bash("s4", "git status"))).Decision);

        (await p.MandateAsync("revoke", "--human", "jane@acme.dev", "--reason", "laptop lost")).AssertSuccess();
        var revoked = HookProject.ClaudeDecision(await p.HookAsync("claude-code", p.Bash("s4", "git status")));
        Assert.Equal("deny", revoked.Decision);
        Assert.Contains("revoked", revoked.Reason, StringComparison.Ordinal);

        var forged = HookProject.ClaudeDecision(await p.HookAsync("claude-code", p.Bash("s5", "git status"), new Dictionary<string, string?> { ["MANDATE_TOKEN"] = "eyJhbGciOiJFUzI1NiJ9.e30.AAAA" }));
        Assert.Equal("deny", forged.Decision);
        Assert.Contains("not valid", forged.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("cursor", """{"hook_event_name":"beforeShellExecution","conversation_id":"c1","generation_id":"g1","command":"printenv","cwd":"$P","workspace_roots":["$P"]}""", "permission", "deny")]
    [InlineData("cursor", """{"hook_event_name":"beforeReadFile","conversation_id":"c1","generation_id":"g2","file_path":"$P/src/a.cs","content":"","workspace_roots":["$P"]}""", "permission", "allow")]
    [InlineData("gemini", """{"hook_event_name":"BeforeTool","session_id":"g1","cwd":"$P","timestamp":"2026-11-23T10:00:00Z","tool_name":"run_shell_command","tool_input":{"command":"docker compose config"}}""", "decision", "deny")]
    [InlineData("gemini", """{"hook_event_name":"BeforeTool","session_id":"g1","cwd":"$P","timestamp":"2026-11-23T10:00:00Z","tool_name":"read_file","tool_input":{"file_path":"$P/src/a.cs"}}""", "decision", "allow")]
    [InlineData("copilot", """{"sessionId":"k1","timestamp":1763892000000,"cwd":"$P","toolName":"bash","toolArgs":"{\"command\":\"cat .env\"}","hook_event_name":"preToolUse"}""", "permissionDecision", "deny")]
    public async Task EachDialect_AnswersInItsOwnFormat(string dialect, string template, string field, string expected)
    {
        using var p = await HookProject.CreateAsync();
        var result = await p.HookAsync(dialect, template.Replace("$P", p.Project, StringComparison.Ordinal));
        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.Stdout);
        Assert.Equal(expected, json.RootElement.GetProperty(field).GetString());
    }

    [Fact]
    public async Task Codex_DenyIsExplicit_AllowIsSilent_AndAskBecomesDeny()
    {
        using var p = await HookProject.CreateAsync();
        string Codex(string command) => new JsonObject
        {
            ["session_id"] = "x1", ["turn_id"] = "t1", ["cwd"] = p.Project, ["hook_event_name"] = "PreToolUse", ["model"] = "gpt-5",
            ["permission_mode"] = "default", ["tool_name"] = "Bash", ["tool_use_id"] = "u1", ["tool_input"] = new JsonObject { ["command"] = command },
        }.ToJsonString();
        (await p.MandateAsync("task", "default", "--scope", $"fs:read:{p.Project}/** exec:run:git exec:run:cat", "--purpose", "review")).AssertSuccess();
        (await p.HookAsync("codex", Codex("true").Replace("PreToolUse", "SessionStart", StringComparison.Ordinal))).AssertSuccess();

        var deny = (await p.HookAsync("codex", Codex("cat .env"))).AssertSuccess();
        var allow = (await p.HookAsync("codex", Codex("git log --oneline"))).AssertSuccess();
        var ask = (await p.HookAsync("codex", Codex("git push origin main"))).AssertSuccess();
        Assert.Equal("deny", JsonDocument.Parse(deny.Stdout).RootElement.GetProperty("hookSpecificOutput").GetProperty("permissionDecision").GetString());
        Assert.Equal("", allow.Stdout);
        Assert.Equal("deny", JsonDocument.Parse(ask.Stdout).RootElement.GetProperty("hookSpecificOutput").GetProperty("permissionDecision").GetString());
    }

    [Fact]
    public async Task ShadowMode_AllowsButRecords_AndWouldDenyListsIt_AndWhyExplains()
    {
        using var p = await HookProject.CreateAsync();
        (await p.MandateAsync("policy", "mode", "shadow")).AssertSuccess();
        var answer = HookProject.ClaudeDecision(await p.HookAsync("claude-code", p.Bash("s2", "cat .env")));
        Assert.Equal("allow", answer.Decision);
        Assert.Contains("shadow mode, would deny", answer.Reason, StringComparison.Ordinal);

        var wouldDeny = (await p.MandateAsync("audit", "list", "--would-deny", "--json")).AssertSuccess();
        using var records = JsonDocument.Parse(wouldDeny.Stdout);
        var seq = records.RootElement[records.RootElement.GetArrayLength() - 1].GetProperty("seq").GetInt64();
        var why = (await p.MandateAsync("why", seq.ToString(System.Globalization.CultureInfo.InvariantCulture))).AssertSuccess();
        Assert.Contains("forbid secrets.env-file at builtin/secrets.cedar:", why.Stdout, StringComparison.Ordinal);
        Assert.Contains("fs.read", why.Stdout, StringComparison.Ordinal);
        Assert.Contains("built-in guardrail", why.Stdout, StringComparison.Ordinal);

        (await p.MandateAsync("policy", "mode", "enforce")).AssertSuccess();
        Assert.Equal("deny", HookProject.ClaudeDecision(await p.HookAsync("claude-code", p.Bash("s2", "cat .env"))).Decision);
    }

    [Fact]
    public async Task Why_ForADecisionOutsideTheMandate_NamesTheSmallestScopeChange()
    {
        using var p = await HookProject.CreateAsync();
        (await p.MandateAsync("task", "default", "--scope", $"fs:read:{p.Project}/** exec:run:git", "--purpose", "review")).AssertSuccess();
        (await p.HookAsync("claude-code", HookProject.Claude("SessionStart", "s3", cwd: p.Project))).AssertSuccess();
        Assert.Equal("deny", HookProject.ClaudeDecision(await p.HookAsync("claude-code", p.Bash("s3", "make test"))).Decision);
        var list = (await p.MandateAsync("audit", "list", "--decision", "deny", "--json")).AssertSuccess();
        using var records = JsonDocument.Parse(list.Stdout);
        var seq = records.RootElement[records.RootElement.GetArrayLength() - 1].GetProperty("seq").GetInt64();
        var why = (await p.MandateAsync("why", seq.ToString(System.Globalization.CultureInfo.InvariantCulture))).AssertSuccess();
        Assert.Contains("to allow: add exec:run:make to the mandate's scope", why.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_ShowsWhereEachAgentIsProtected_AndUninstallRestores()
    {
        using var p = await HookProject.CreateAsync();
        Directory.CreateDirectory(Path.Combine(p.Project, ".claude"));
        var original = "{\n  \"model\": \"opus\",\n  \"permissions\": { \"deny\": [\"Bash(rm:*)\"] }\n}\n";
        File.WriteAllText(Path.Combine(p.Project, ".claude", "settings.json"), original);
        (await p.MandateAsync("install", "claude-code")).AssertSuccess();
        (await p.MandateAsync("install", "gemini")).AssertSuccess();
        var status = (await p.MandateAsync("status")).AssertSuccess();
        Assert.Contains(Path.Combine(p.Project, ".claude", "settings.json"), status.Stdout, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(p.Project, ".gemini", "settings.json"), status.Stdout, StringComparison.Ordinal);
        Assert.Contains("built-in guardrails", status.Stdout, StringComparison.Ordinal);
        Assert.Contains("not protected (mandate install cursor)", status.Stdout, StringComparison.Ordinal);

        (await p.MandateAsync("uninstall", "claude-code")).AssertSuccess();
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(original), JsonNode.Parse(File.ReadAllText(Path.Combine(p.Project, ".claude", "settings.json")))));
    }

    [Fact]
    public async Task PolicySchemaAndBuiltins_ArePrinted_AndTheBuiltinsValidateAgainstTheSchema()
    {
        using var p = await HookProject.CreateAsync();
        var schema = (await p.MandateAsync("policy", "schema")).AssertSuccess().Stdout;
        var builtin = (await p.MandateAsync("policy", "show", "builtin")).AssertSuccess().Stdout;
        File.WriteAllText(p.Home.PathOf("mandate.cedarschema"), schema);
        File.WriteAllText(p.Home.PathOf("builtin.cedar"), builtin);
        Assert.Contains("secrets.env-file", builtin, StringComparison.Ordinal);
        (await p.MandateAsync("policy", "validate", p.Home.PathOf("builtin.cedar"), "--schema", p.Home.PathOf("mandate.cedarschema"))).AssertSuccess();
    }
}
