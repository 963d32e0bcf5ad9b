namespace Mandate.Agents.Hooks;

/// <summary>One hook invocation, normalised across dialects by <see cref="HookParser"/>.</summary>
public sealed class HookEvent
{
    public required HookDialect Dialect { get; init; }

    public required HookEventKind Kind { get; init; }

    /// <summary>The event name as sent (PreToolUse, beforeShellExecution, BeforeTool, preToolUse…).</summary>
    public required string EventName { get; init; }

    /// <summary>session_id / conversation_id / sessionId; "" if absent.</summary>
    public required string SessionId { get; init; }

    /// <summary>tool_use_id / generation_id / toolUseId.</summary>
    public string? ToolUseId { get; init; }

    /// <summary>Claude Code sub-agents: the only reliable attribution when sub-agents run in parallel.</summary>
    public string? AgentId { get; init; }

    public string? AgentType { get; init; }

    /// <summary>cwd, else workspace_roots[0], else the fallback given to the parser; always absolute.</summary>
    public required string Cwd { get; init; }

    /// <summary>Set for PreTool, PostTool and PostToolFailure.</summary>
    public ToolCall? Tool { get; init; }

    /// <summary>PostToolFailure: the error the tool reported.</summary>
    public string? Error { get; init; }

    /// <summary>SessionStart source / SessionEnd reason.</summary>
    public string? Source { get; init; }

    public string? Model { get; init; }
}
