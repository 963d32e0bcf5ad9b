using Mandate.Agents.Hooks;
using static Mandate.Agents.Tests.Hooks.Payloads;

namespace Mandate.Agents.Tests.Hooks;

public sealed class HookParserCodexTests
{
    private const string Patch = """
        *** Begin Patch
        *** Update File: src/app.py
        @@
        -a
        +b
        *** Add File: docs/new.md
        +hello
        *** Delete File: /repo/old.txt
        *** End Patch
        """;

    [Fact]
    public void PreToolUse_Bash()
    {
        var e = Parse(HookDialect.Codex, """
            {"session_id":"cx","turn_id":"t3","transcript_path":null,"cwd":"/repo","hook_event_name":"PreToolUse","model":"gpt-5-codex",
             "permission_mode":"default","tool_name":"Bash","tool_input":{"command":"cargo test"},"tool_use_id":"call_1"}
            """);
        Assert.Equal(HookEventKind.PreTool, e.Kind);
        Assert.Equal("cx", e.SessionId);
        Assert.Equal("call_1", e.ToolUseId);
        Assert.Equal("gpt-5-codex", e.Model);
        Assert.Equal("cargo test", e.Tool!.Command);
    }

    [Fact]
    public void Bash_WithAnArgvArray_IsJoined()
    {
        var tool = Tool(HookDialect.Codex, Claude("Bash", """{"command":["bash","-lc","ls -la"]}"""));
        Assert.Equal("bash -lc ls -la", tool.Command);
    }

    [Theory]
    [InlineData("command")]
    [InlineData("patch")]
    public void ApplyPatch_ListsEveryFileInThePatch(string field)
    {
        var input = $$"""{"{{field}}":{{System.Text.Json.JsonSerializer.Serialize(Patch, Mandate.Agents.Tests.Hooks.TestJson.Default.String)}}}""";
        var tool = Tool(HookDialect.Codex, Claude("apply_patch", input));
        Assert.Equal(ToolKind.Edit, tool.Kind);
        Assert.Equal(["/repo/src/app.py", "/repo/docs/new.md", "/repo/old.txt"], tool.Paths);
        Assert.Contains("+hello", tool.Content, StringComparison.Ordinal);
    }

    [Fact]
    public void ApplyPatch_WithoutFiles_IsRefused()
    {
        var outcome = HookParser.Parse(HookDialect.Codex, System.Text.Encoding.UTF8.GetBytes(Claude("apply_patch", """{"command":"nothing"}""")), Fallback);
        Assert.Equal("MDT5007", outcome.Error!.Code);
    }

    [Fact]
    public void Mcp()
    {
        var tool = Tool(HookDialect.Codex, Claude("mcp__linear__create_issue", """{"title":"x"}"""));
        Assert.Equal(("linear", "create_issue"), (tool.McpServer, tool.McpTool));
    }

    [Theory]
    [InlineData("SessionStart", HookEventKind.SessionStart)]
    [InlineData("PostToolUse", HookEventKind.PostTool)]
    [InlineData("Stop", HookEventKind.Other)]
    public void OtherEvents(string name, HookEventKind kind) =>
        Assert.Equal(kind, Parse(HookDialect.Codex, Claude("Bash", """{"command":"ls"}""", name)).Kind);

    [Fact]
    public void ClaudeOnlyEvents_AreUnknownToCodex()
    {
        var outcome = HookParser.Parse(HookDialect.Codex, System.Text.Encoding.UTF8.GetBytes(Claude("Bash", """{"command":"ls"}""", "MessageDisplay")), Fallback);
        Assert.Equal("MDT5005", outcome.Error!.Code);
    }
}
