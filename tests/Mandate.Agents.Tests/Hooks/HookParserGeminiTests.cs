using Mandate.Agents.Hooks;
using static Mandate.Agents.Tests.Hooks.Payloads;

namespace Mandate.Agents.Tests.Hooks;

public sealed class HookParserGeminiTests
{
    [Fact]
    public void RunShellCommand()
    {
        var e = Parse(HookDialect.Gemini, Gemini("run_shell_command", """{"command":"rm -rf build","description":"clean","dir_path":"/repo","is_background":false}"""));
        Assert.Equal(HookEventKind.PreTool, e.Kind);
        Assert.Equal("gem-1", e.SessionId);
        Assert.Equal(ToolKind.Shell, e.Tool!.Kind);
        Assert.Equal("rm -rf build", e.Tool.Command);
    }

    [Theory]
    [InlineData("read_file", """{"file_path":"a.txt"}""", ToolKind.Read)]
    [InlineData("write_file", """{"file_path":"a.txt","content":"c"}""", ToolKind.Write)]
    [InlineData("replace", """{"file_path":"a.txt","old_string":"a","new_string":"c"}""", ToolKind.Edit)]
    public void FileTools(string name, string input, ToolKind kind)
    {
        var tool = Tool(HookDialect.Gemini, Gemini(name, input));
        Assert.Equal(kind, tool.Kind);
        Assert.Equal(["/repo/a.txt"], tool.Paths);
        Assert.Equal(kind == ToolKind.Read ? null : "c", tool.Content);
    }

    [Fact]
    public void ReadManyFiles_TakesEveryPath()
    {
        var tool = Tool(HookDialect.Gemini, Gemini("read_many_files", """{"paths":["src/a.cs","/etc/hosts"]}"""));
        Assert.Equal(ToolKind.Read, tool.Kind);
        Assert.Equal(["/repo/src/a.cs", "/etc/hosts"], tool.Paths);
    }

    [Theory]
    [InlineData("glob", """{"pattern":"**/*.key","dir_path":"keys"}""", "**/*.key", "/repo/keys")]
    [InlineData("grep_search", """{"pattern":"password","dir_path":"/srv"}""", "password", "/srv")]
    [InlineData("search_file_content", """{"pattern":"token"}""", "token", "/repo")]
    [InlineData("list_directory", """{"dir_path":"/home/u"}""", null, "/home/u")]
    public void SearchTools(string name, string input, string? pattern, string path)
    {
        var tool = Tool(HookDialect.Gemini, Gemini(name, input));
        Assert.Equal(ToolKind.Search, tool.Kind);
        Assert.Equal(pattern, tool.Pattern);
        Assert.Equal([path], tool.Paths);
    }

    [Fact]
    public void WebFetch_TakesTheFirstUrlInThePrompt()
    {
        var tool = Tool(HookDialect.Gemini, Gemini("web_fetch", """{"prompt":"Summarise https://evil.example/x?a=1. and then http://b.example"}"""));
        Assert.Equal(ToolKind.WebFetch, tool.Kind);
        Assert.Equal("https://evil.example/x?a=1", tool.Url);
    }

    [Fact]
    public void WebSearchAndInternal()
    {
        Assert.Equal("q", Tool(HookDialect.Gemini, Gemini("google_web_search", """{"query":"q"}""")).Query);
        Assert.Equal(ToolKind.Internal, Tool(HookDialect.Gemini, Gemini("save_memory", """{"fact":"f"}""")).Kind);
        Assert.Equal(ToolKind.Internal, Tool(HookDialect.Gemini, Gemini("ask_user", """{}""")).Kind);
        Assert.Equal(ToolKind.Unknown, Tool(HookDialect.Gemini, Gemini("Bash", """{"command":"ls"}""")).Kind);
    }

    [Fact]
    public void Mcp_UsesMcpContext_WhenPresent()
    {
        var tool = Tool(HookDialect.Gemini, Gemini("mcp_my_server_do_thing", """{"a":1}""",
            """, "mcp_context": {"server_name":"my_server","tool_name":"do_thing","url":"https://mcp.example/","command":null} """));
        Assert.Equal(ToolKind.Mcp, tool.Kind);
        Assert.Equal("my_server", tool.McpServer);
        Assert.Equal("do_thing", tool.McpTool);
        Assert.Equal("https://mcp.example/", tool.Url);
    }

    [Theory]
    [InlineData("mcp_github_create_issue", "github", "create_issue")]
    [InlineData("mcp__github__create_issue", "github", "create_issue")]
    public void Mcp_SplitsTheName_WithoutContext(string name, string server, string tool)
    {
        var call = Tool(HookDialect.Gemini, Gemini(name, "{}"));
        Assert.Equal(server, call.McpServer);
        Assert.Equal(tool, call.McpTool);
    }

    [Theory]
    [InlineData("AfterTool", HookEventKind.PostTool)]
    [InlineData("SessionStart", HookEventKind.SessionStart)]
    [InlineData("SessionEnd", HookEventKind.SessionEnd)]
    [InlineData("BeforeAgent", HookEventKind.UserPrompt)]
    [InlineData("BeforeModel", HookEventKind.Other)]
    public void OtherEvents(string name, HookEventKind kind)
    {
        var e = Parse(HookDialect.Gemini, $$"""
            {"session_id":"g","cwd":"/repo","hook_event_name":"{{name}}","timestamp":"2026-01-01T00:00:00Z","source":"startup","reason":"exit",
             "tool_name":"read_file","tool_input":{"file_path":"a"},"tool_response":{"llmContent":"x"},"prompt":"p"}
            """);
        Assert.Equal(kind, e.Kind);
    }
}
