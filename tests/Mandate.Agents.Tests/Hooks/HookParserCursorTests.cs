using Mandate.Agents.Hooks;
using static Mandate.Agents.Tests.Hooks.Payloads;

namespace Mandate.Agents.Tests.Hooks;

public sealed class HookParserCursorTests
{
    [Fact]
    public void BeforeShellExecution_IsAShellCall_WithConversationAndGeneration()
    {
        var e = Parse(HookDialect.Cursor, Cursor("beforeShellExecution", """ "command": "git push --force", "cwd": "/repo/sub" """));

        Assert.Equal(HookEventKind.PreTool, e.Kind);
        Assert.Equal("beforeShellExecution", e.EventName);
        Assert.Equal("conv-1", e.SessionId);
        Assert.Equal("gen-7", e.ToolUseId);
        Assert.Equal("/repo/sub", e.Cwd);
        Assert.Equal("claude-4", e.Model);
        Assert.Equal(ToolKind.Shell, e.Tool!.Kind);
        Assert.Equal("git push --force", e.Tool.Command);
    }

    [Fact]
    public void Cwd_FallsBackToTheFirstWorkspaceRoot()
    {
        var e = Parse(HookDialect.Cursor, Cursor("beforeReadFile", """ "file_path": "config/.env", "content": "SECRET=1", "attachments": [] """));
        Assert.Equal("/repo", e.Cwd);
        Assert.Equal(ToolKind.Read, e.Tool!.Kind);
        Assert.Equal(["/repo/config/.env"], e.Tool.Paths);
        Assert.Null(e.Tool.Content);
    }

    [Fact]
    public void BeforeMcpExecution_WithObjectInput_AndServerInTheName()
    {
        var tool = Tool(HookDialect.Cursor, Cursor("beforeMCPExecution",
            """ "tool_name": "github:create_issue", "tool_input": {"title":"x"}, "url": "https://api.githubcopilot.com/mcp/" """));
        Assert.Equal(ToolKind.Mcp, tool.Kind);
        Assert.Equal("github", tool.McpServer);
        Assert.Equal("create_issue", tool.McpTool);
        Assert.Equal("https://api.githubcopilot.com/mcp/", tool.Url);
    }

    [Fact]
    public void BeforeMcpExecution_WithJsonStringInput_AndMcpPrefix()
    {
        var tool = Tool(HookDialect.Cursor, Cursor("beforeMCPExecution",
            """ "tool_name": "MCP:postgres:query", "tool_input": "{\"sql\":\"select 1\"}", "command": "npx pg-mcp" """));
        Assert.Equal("postgres", tool.McpServer);
        Assert.Equal("query", tool.McpTool);
        Assert.Equal("npx pg-mcp", tool.Command);
        Assert.Contains("select 1", tool.Content, StringComparison.Ordinal);
    }

    [Fact]
    public void BeforeMcpExecution_BareToolName_LeavesTheServerUnknown()
    {
        var tool = Tool(HookDialect.Cursor, Cursor("beforeMCPExecution", """ "tool_name": "create_issue", "tool_input": {} """));
        Assert.Null(tool.McpServer);
        Assert.Equal("create_issue", tool.McpTool);
    }

    [Theory]
    [InlineData("Shell", """{"command":"ls"}""", ToolKind.Shell)]
    [InlineData("Read", """{"file_path":"a"}""", ToolKind.Read)]
    [InlineData("Write", """{"file_path":"a","content":"c"}""", ToolKind.Write)]
    [InlineData("Delete", """{"file_path":"a"}""", ToolKind.Write)]
    [InlineData("Edit", """{"file_path":"a","new_string":"c"}""", ToolKind.Edit)]
    [InlineData("StrReplace", """{"path":"a","new_string":"c"}""", ToolKind.Edit)]
    [InlineData("Grep", """{"pattern":"p"}""", ToolKind.Search)]
    [InlineData("Glob", """{"glob_pattern":"*.cs"}""", ToolKind.Search)]
    [InlineData("WebFetch", """{"url":"https://a"}""", ToolKind.WebFetch)]
    [InlineData("Task", """{"subagent_type":"x"}""", ToolKind.Agent)]
    [InlineData("MCP:github:list", """{}""", ToolKind.Mcp)]
    [InlineData("Frobnicate", """{}""", ToolKind.Unknown)]
    public void PreToolUse_ToolNames(string name, string input, ToolKind kind)
    {
        var tool = Tool(HookDialect.Cursor, Cursor("preToolUse", $""" "tool_name": "{name}", "tool_input": {input} """));
        Assert.Equal(kind, tool.Kind);
        Assert.Equal(name, tool.Name);
    }

    [Fact]
    public void AfterFileEdit_IsAPostToolWrite_WithTheNewText()
    {
        var e = Parse(HookDialect.Cursor, Cursor("afterFileEdit",
            """ "file_path": "/repo/a.ts", "edits": [ {"old_string":"a","new_string":"b"}, {"old_string":"c","new_string":"d"} ] """));
        Assert.Equal(HookEventKind.PostTool, e.Kind);
        Assert.Equal(ToolKind.Write, e.Tool!.Kind);
        Assert.Equal(["/repo/a.ts"], e.Tool.Paths);
        Assert.Equal("b\nd", e.Tool.Content);
    }

    [Theory]
    [InlineData("sessionStart", HookEventKind.SessionStart)]
    [InlineData("sessionEnd", HookEventKind.SessionEnd)]
    [InlineData("beforeSubmitPrompt", HookEventKind.UserPrompt)]
    [InlineData("stop", HookEventKind.Other)]
    public void OtherEvents(string name, HookEventKind kind) =>
        Assert.Equal(kind, Parse(HookDialect.Cursor, Cursor(name, """ "prompt": "hi" """)).Kind);
}
