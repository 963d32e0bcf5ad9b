namespace Mandate.Agents.Hooks;

/// <summary>The agent whose hook wire format a payload uses. CLI names: see <see cref="HookDialects"/>.</summary>
public enum HookDialect
{
    ClaudeCode,
    Cursor,
    Gemini,
    Copilot,
    Codex,
}
