using System.Text.Json.Nodes;
using Mandate.Agents.Hooks;

namespace Mandate.Agents.Install.Internal;

/// <summary>
/// How one agent's configuration holds hooks. Nested (Claude Code, Codex, Gemini):
/// <c>hooks.Event: [{matcher, hooks: [entry]}]</c>. Flat (Cursor, Copilot): <c>{version: 1, hooks: {event: [entry]}}</c>.
/// </summary>
internal sealed class HookLayout
{
    private HookLayout(HookDialect agent, bool nested, IReadOnlyList<string> events, string commandKey)
    {
        Agent = agent;
        Nested = nested;
        Events = events;
        CommandKey = commandKey;
    }

    public HookDialect Agent { get; }

    public bool Nested { get; }

    public IReadOnlyList<string> Events { get; }

    /// <summary>The entry member that holds the command line (Copilot: <c>bash</c>).</summary>
    public string CommandKey { get; }

    public static HookLayout For(HookDialect agent) => agent switch
    {
        HookDialect.ClaudeCode => new(agent, nested: true,
            ["PreToolUse", "PostToolUse", "PostToolUseFailure", "SessionStart", "SessionEnd", "SubagentStart", "SubagentStop", "UserPromptSubmit"],
            "command"),
        HookDialect.Cursor => new(agent, nested: false,
            ["preToolUse", "beforeShellExecution", "beforeMCPExecution", "beforeReadFile", "afterFileEdit"], "command"),
        HookDialect.Gemini => new(agent, nested: true, ["BeforeTool", "AfterTool", "SessionStart", "SessionEnd"], "command"),
        HookDialect.Copilot => new(agent, nested: false, ["preToolUse", "postToolUse", "sessionStart", "sessionEnd"], "bash"),
        HookDialect.Codex => new(agent, nested: true, ["PreToolUse", "PostToolUse", "SessionStart"], "command"),
        _ => throw new ArgumentOutOfRangeException(nameof(agent), agent, "unknown agent"),
    };

    /// <summary>Root members Mandate adds when absent (and removes again on uninstall unless the original had them).</summary>
    public IReadOnlyList<(string Name, Func<JsonNode> Value)> RootMembers(InstallScope scope)
    {
        var members = new List<(string, Func<JsonNode>)>();
        if (!Nested)
        {
            members.Add(("version", () => JsonValue.Create(1)));
        }

        if (Agent == HookDialect.ClaudeCode && scope == InstallScope.Managed)
        {
            members.Add(("allowManagedHooksOnly", () => JsonValue.Create(true)));
        }

        return members;
    }

    public JsonObject Entry(string command) => Agent switch
    {
        HookDialect.Cursor => new JsonObject { ["command"] = command, ["failClosed"] = true, ["timeout"] = 30 },
        HookDialect.Copilot => new JsonObject { ["type"] = "command", ["bash"] = command, ["timeoutSec"] = 30 },
        // Gemini's timeout is in milliseconds; its project hooks are fingerprinted by name and command.
        HookDialect.Gemini => new JsonObject { ["name"] = "mandate", ["type"] = "command", ["command"] = command, ["timeout"] = 30_000 },
        _ => new JsonObject { ["type"] = "command", ["command"] = command, ["timeout"] = 30 },
    };

    /// <summary>A nested layout's group: a matcher on the pre-tool event (all tools), none elsewhere (all occurrences).</summary>
    public JsonObject Group(string eventName, string command)
    {
        var group = new JsonObject();
        var matcher = (Agent, eventName) switch
        {
            (HookDialect.ClaudeCode, "PreToolUse") => "*",
            (HookDialect.Gemini, "BeforeTool") => ".*",
            _ => null,
        };
        if (matcher is not null)
        {
            group["matcher"] = matcher;
        }

        group["hooks"] = new JsonArray(Entry(command));
        return group;
    }

    /// <summary>The binary when <paramref name="node"/> is one of Mandate's entries for this agent.</summary>
    public bool IsOurs(JsonNode? node, out string binary)
    {
        binary = "";
        if (node is not JsonObject entry)
        {
            return false;
        }

        foreach (var key in (ReadOnlySpan<string>)[CommandKey, "command"])
        {
            if (entry[key] is JsonValue value && value.TryGetValue<string>(out var command) && HookCommand.TryRead(command, Agent, out binary))
            {
                return true;
            }
        }

        return false;
    }
}
