using System.Text;
using Mandate.Agents.Hooks;

namespace Mandate.Agents.Tests.Hooks;

internal static class Payloads
{
    public const string Cwd = "/repo";
    public const string Fallback = "/fallback";

    public static HookEvent Parse(HookDialect dialect, string json)
    {
        var outcome = HookParser.Parse(dialect, Encoding.UTF8.GetBytes(json), Fallback);
        Assert.True(outcome.IsSuccess, outcome.Error?.ToString());
        return outcome.Value;
    }

    public static ToolCall Tool(HookDialect dialect, string json) => Parse(dialect, json).Tool!;

    /// <summary>A Claude Code style tool event (also Codex and Copilot's PascalCase form).</summary>
    public static string Claude(string toolName, string toolInput, string eventName = "PreToolUse") =>
        $$"""
        { "session_id": "8f1c-sess", "transcript_path": "/home/u/.claude/projects/-repo/8f1c.jsonl",
          "cwd": "/repo", "permission_mode": "default", "hook_event_name": "{{eventName}}",
          "tool_name": "{{toolName}}", "tool_use_id": "toolu_01ABC", "tool_input": {{toolInput}} }
        """;

    public static string Gemini(string toolName, string toolInput, string extra = "") =>
        $$"""
        { "session_id": "gem-1", "transcript_path": "/tmp/t.json", "cwd": "/repo", "hook_event_name": "BeforeTool",
          "timestamp": "2026-08-21T10:00:00Z", "tool_name": "{{toolName}}", "tool_input": {{toolInput}} {{extra}} }
        """;

    public static string Cursor(string eventName, string fields) =>
        $$"""
        { "hook_event_name": "{{eventName}}", "conversation_id": "conv-1", "generation_id": "gen-7",
          "workspace_roots": ["/repo"], "model": "claude-4", "cursor_version": "1.7.2", "user_email": "jane@acme.dev", {{fields}} }
        """;
}
