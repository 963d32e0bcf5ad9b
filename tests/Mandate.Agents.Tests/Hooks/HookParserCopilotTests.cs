using Mandate.Agents.Hooks;
using static Mandate.Agents.Tests.Hooks.Payloads;

namespace Mandate.Agents.Tests.Hooks;

public sealed class HookParserCopilotTests
{
    [Fact]
    public void CamelCase_PreToolUse_WithToolArgsAsAJsonString()
    {
        var e = Parse(HookDialect.Copilot, """
            {"sessionId":"cp-1","timestamp":1704614600000,"cwd":"/repo","toolName":"bash",
             "toolArgs":"{\"command\":\"rm -rf dist\",\"description\":\"Clean build directory\"}"}
            """);
        Assert.Equal(HookEventKind.PreTool, e.Kind);
        Assert.Equal("preToolUse", e.EventName);
        Assert.Equal("cp-1", e.SessionId);
        Assert.Equal(ToolKind.Shell, e.Tool!.Kind);
        Assert.Equal("rm -rf dist", e.Tool.Command);
    }

    [Fact]
    public void CamelCase_WithAnExplicitEventName()
    {
        var e = Parse(HookDialect.Copilot, """{"hookEventName":"preToolUse","sessionId":"s","cwd":"/repo","toolName":"view","toolArgs":{"path":"a.md"}}""");
        Assert.Equal(ToolKind.Read, e.Tool!.Kind);
        Assert.Equal(["/repo/a.md"], e.Tool.Paths);
    }

    [Theory]
    [InlineData("bash", """{"command":"ls"}""", ToolKind.Shell)]
    [InlineData("powershell", """{"command":"dir"}""", ToolKind.Shell)]
    [InlineData("view", """{"path":"a"}""", ToolKind.Read)]
    [InlineData("create", """{"path":"a","file_text":"t"}""", ToolKind.Write)]
    [InlineData("edit", """{"path":"a","old_str":"o","new_str":"n"}""", ToolKind.Edit)]
    [InlineData("glob", """{"pattern":"*"}""", ToolKind.Search)]
    [InlineData("grep", """{"pattern":"x","path":"src"}""", ToolKind.Search)]
    [InlineData("web_fetch", """{"url":"https://a"}""", ToolKind.WebFetch)]
    [InlineData("task", """{"agent_type":"explore"}""", ToolKind.Agent)]
    [InlineData("ask_user", """{}""", ToolKind.Internal)]
    [InlineData("report_intent", """{}""", ToolKind.Unknown)]
    public void CamelCase_NativeToolNames(string name, string args, ToolKind kind)
    {
        var tool = Tool(HookDialect.Copilot, $$"""{"sessionId":"s","timestamp":1,"cwd":"/repo","toolName":"{{name}}","toolArgs":{{args}}}""");
        Assert.Equal(kind, tool.Kind);
    }

    [Fact]
    public void CamelCase_CreateAndEdit_CarryContent()
    {
        Assert.Equal("t", Tool(HookDialect.Copilot, """{"cwd":"/repo","toolName":"create","toolArgs":{"path":"a","file_text":"t"}}""").Content);
        Assert.Equal("n", Tool(HookDialect.Copilot, """{"cwd":"/repo","toolName":"edit","toolArgs":{"path":"a","old_str":"o","new_str":"n"}}""").Content);
        Assert.Equal("explore", Tool(HookDialect.Copilot, """{"cwd":"/repo","toolName":"task","toolArgs":{"agent_type":"explore"}}""").SubagentType);
    }

    [Theory]
    [InlineData("""{"sessionId":"s","timestamp":1,"cwd":"/repo","toolName":"bash","toolArgs":"{\"command\":\"ls\"}","toolResult":{"resultType":"success","textResultForLlm":"a"}}""", HookEventKind.PostTool, "postToolUse")]
    [InlineData("""{"sessionId":"s","timestamp":1,"cwd":"/repo","source":"new","initialPrompt":"go"}""", HookEventKind.SessionStart, "sessionStart")]
    [InlineData("""{"sessionId":"s","timestamp":1,"cwd":"/repo","reason":"complete"}""", HookEventKind.SessionEnd, "sessionEnd")]
    [InlineData("""{"sessionId":"s","timestamp":1,"cwd":"/repo","prompt":"hi"}""", HookEventKind.UserPrompt, "userPromptSubmitted")]
    [InlineData("""{"sessionId":"s","timestamp":1,"cwd":"/repo","error":{"message":"boom","name":"Error"}}""", HookEventKind.Other, "errorOccurred")]
    public void CamelCase_EventIsInferredFromTheFields(string json, HookEventKind kind, string eventName)
    {
        var e = Parse(HookDialect.Copilot, json);
        Assert.Equal(kind, e.Kind);
        Assert.Equal(eventName, e.EventName);
    }

    [Fact]
    public void PascalCase_IsTheClaudeFormat()
    {
        var e = Parse(HookDialect.Copilot, """
            {"hook_event_name":"PreToolUse","session_id":"s","timestamp":"2026-01-01T00:00:00Z","cwd":"/repo",
             "tool_name":"Bash","tool_input":{"command":"npm publish"}}
            """);
        Assert.Equal("PreToolUse", e.EventName);
        Assert.Equal(ToolKind.Shell, e.Tool!.Kind);
        Assert.Equal("npm publish", e.Tool.Command);

        var read = Tool(HookDialect.Copilot, """{"hook_event_name":"PreToolUse","cwd":"/repo","tool_name":"Read","tool_input":{"file_path":"x"}}""");
        Assert.Equal(["/repo/x"], read.Paths);
    }

    [Fact]
    public void NoRecognisableField_IsAMissingEvent()
    {
        var outcome = HookParser.Parse(HookDialect.Copilot, """{"timestamp":1,"cwd":"/repo"}"""u8, Fallback);
        Assert.Equal("MDT5004", outcome.Error!.Code);
    }
}
