namespace Mandate.Agents.Hooks;

/// <summary>What a hook event means, whatever the agent calls it.</summary>
public enum HookEventKind
{
    PreTool,
    PostTool,
    PostToolFailure,
    SessionStart,
    SessionEnd,
    SubagentStart,
    SubagentStop,
    UserPrompt,
    Other,
}
