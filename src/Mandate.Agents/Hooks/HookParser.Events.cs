using System.Text.Json;
using Mandate.Agents.Hooks.Internal;

namespace Mandate.Agents.Hooks;

public static partial class HookParser
{
    private const HookEventKind Pre = HookEventKind.PreTool;
    private const HookEventKind Post = HookEventKind.PostTool;
    private const HookEventKind Other = HookEventKind.Other;

    // Every event each agent documents (agent-protocols.md §1.2, §2, §3.1, §4, §5); anything else is refused, so a
    // payload meant for another dialect is never read as a harmless event. Plain dictionaries, not frozen ones:
    // each hook is a new process, and freezing the ten tables cost more at start-up than their lookups save.
    private static readonly IReadOnlyDictionary<string, HookEventKind> ClaudeEvents = new Dictionary<string, HookEventKind>(StringComparer.Ordinal)
    {
        ["PreToolUse"] = Pre,
        ["PostToolUse"] = Post,
        ["PostToolUseFailure"] = HookEventKind.PostToolFailure,
        ["SessionStart"] = HookEventKind.SessionStart,
        ["SessionEnd"] = HookEventKind.SessionEnd,
        ["SubagentStart"] = HookEventKind.SubagentStart,
        ["SubagentStop"] = HookEventKind.SubagentStop,
        ["UserPromptSubmit"] = HookEventKind.UserPrompt,
        ["PermissionRequest"] = Other,
        ["PermissionDenied"] = Other,
        ["Notification"] = Other,
        ["Stop"] = Other,
        ["StopFailure"] = Other,
        ["PreCompact"] = Other,
        ["PostCompact"] = Other,
        ["Setup"] = Other,
        ["TeammateIdle"] = Other,
        ["TaskCreated"] = Other,
        ["TaskCompleted"] = Other,
        ["Elicitation"] = Other,
        ["ElicitationResult"] = Other,
        ["ConfigChange"] = Other,
        ["WorktreeCreate"] = Other,
        ["WorktreeRemove"] = Other,
        ["InstructionsLoaded"] = Other,
        ["CwdChanged"] = Other,
        ["FileChanged"] = Other,
        ["DirectoryAdded"] = Other,
        ["MessageDisplay"] = Other,
    };

    private static readonly IReadOnlyDictionary<string, HookEventKind> CodexEvents = new Dictionary<string, HookEventKind>(StringComparer.Ordinal)
    {
        ["PreToolUse"] = Pre,
        ["PostToolUse"] = Post,
        ["SessionStart"] = HookEventKind.SessionStart,
        ["SessionEnd"] = HookEventKind.SessionEnd,
        ["SubagentStart"] = HookEventKind.SubagentStart,
        ["SubagentStop"] = HookEventKind.SubagentStop,
        ["UserPromptSubmit"] = HookEventKind.UserPrompt,
        ["PermissionRequest"] = Other,
        ["PreCompact"] = Other,
        ["PostCompact"] = Other,
        ["Stop"] = Other,
        ["StopFailure"] = Other,
        ["Interrupt"] = Other,
    };

    private static readonly IReadOnlyDictionary<string, HookEventKind> CursorEvents = new Dictionary<string, HookEventKind>(StringComparer.Ordinal)
    {
        ["preToolUse"] = Pre,
        ["beforeShellExecution"] = Pre,
        ["beforeMCPExecution"] = Pre,
        ["beforeReadFile"] = Pre,
        ["postToolUse"] = Post,
        ["afterShellExecution"] = Post,
        ["afterMCPExecution"] = Post,
        ["afterFileEdit"] = Post,
        ["postToolUseFailure"] = HookEventKind.PostToolFailure,
        ["sessionStart"] = HookEventKind.SessionStart,
        ["sessionEnd"] = HookEventKind.SessionEnd,
        ["subagentStart"] = HookEventKind.SubagentStart,
        ["subagentStop"] = HookEventKind.SubagentStop,
        ["beforeSubmitPrompt"] = HookEventKind.UserPrompt,
        ["preCompact"] = Other,
        ["stop"] = Other,
        ["afterAgentResponse"] = Other,
        ["afterAgentThought"] = Other,
        ["beforeTabFileRead"] = Other,
        ["afterTabFileEdit"] = Other,
    };

    private static readonly IReadOnlyDictionary<string, HookEventKind> GeminiEvents = new Dictionary<string, HookEventKind>(StringComparer.Ordinal)
    {
        ["BeforeTool"] = Pre,
        ["AfterTool"] = Post,
        ["SessionStart"] = HookEventKind.SessionStart,
        ["SessionEnd"] = HookEventKind.SessionEnd,
        ["BeforeAgent"] = HookEventKind.UserPrompt,
        ["AfterAgent"] = Other,
        ["BeforeModel"] = Other,
        ["AfterModel"] = Other,
        ["BeforeToolSelection"] = Other,
        ["PreCompress"] = Other,
        ["Notification"] = Other,
    };

    // Copilot's camelCase events; its PascalCase events are Claude Code's (the VS Code compatible format).
    private static readonly IReadOnlyDictionary<string, HookEventKind> CopilotEvents = new Dictionary<string, HookEventKind>(StringComparer.Ordinal)
    {
        ["preToolUse"] = Pre,
        ["postToolUse"] = Post,
        ["postToolUseFailure"] = HookEventKind.PostToolFailure,
        ["sessionStart"] = HookEventKind.SessionStart,
        ["sessionEnd"] = HookEventKind.SessionEnd,
        ["subagentStart"] = HookEventKind.SubagentStart,
        ["subagentStop"] = HookEventKind.SubagentStop,
        ["userPromptSubmitted"] = HookEventKind.UserPrompt,
        ["userPromptTransformed"] = Other,
        ["permissionRequest"] = Other,
        ["agentStop"] = Other,
        ["preCompact"] = Other,
        ["errorOccurred"] = Other,
        ["notification"] = Other,
    };

    private static bool TryKind(HookDialect dialect, string eventName, out HookEventKind kind) => dialect switch
    {
        HookDialect.ClaudeCode => ClaudeEvents.TryGetValue(eventName, out kind),
        HookDialect.Codex => CodexEvents.TryGetValue(eventName, out kind),
        HookDialect.Cursor => CursorEvents.TryGetValue(eventName, out kind),
        HookDialect.Gemini => GeminiEvents.TryGetValue(eventName, out kind),
        HookDialect.Copilot => CopilotEvents.TryGetValue(eventName, out kind) || ClaudeEvents.TryGetValue(eventName, out kind),
        _ => throw new ArgumentOutOfRangeException(nameof(dialect), dialect, "unknown hook dialect"),
    };

    /// <summary>True when a Copilot event uses the Claude-compatible (PascalCase, snake_case fields) format.</summary>
    internal static bool IsPascalCase(string eventName) => eventName.Length > 0 && char.IsUpper(eventName[0]);

    private static string? EventName(HookDialect dialect, JsonElement root, PayloadReader reader)
    {
        var name = reader.FirstString(root, "", "hook_event_name", "hookEventName");
        if (name is not null || dialect != HookDialect.Copilot || reader.Problems.Count > 0)
        {
            return string.IsNullOrEmpty(name) ? null : name;
        }

        // Copilot's camelCase payloads carry no event name (the event is chosen by the key it is registered under, and
        // Mandate registers one command for all). The fields say which event it is; a tool call without a result is
        // read as preToolUse, so a payload that cannot be placed is never waved through as a post-event.
        if (PayloadReader.TryGet(root, "toolName", out _))
        {
            return PayloadReader.TryGet(root, "toolResult", out _) ? "postToolUse"
                : PayloadReader.TryGet(root, "error", out _) ? "postToolUseFailure"
                : "preToolUse";
        }

        return PayloadReader.TryGet(root, "source", out _) ? "sessionStart"
            : PayloadReader.TryGet(root, "reason", out _) ? "sessionEnd"
            : PayloadReader.TryGet(root, "prompt", out _) ? "userPromptSubmitted"
            : PayloadReader.TryGet(root, "error", out _) ? "errorOccurred"
            : null;
    }
}
