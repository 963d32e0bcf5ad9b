namespace Mandate.Agents.Hooks;

/// <summary>The command-line names of the hook dialects (<c>mandate hook claude-code</c>, …).</summary>
public static class HookDialects
{
    public static IReadOnlyList<HookDialect> All { get; } =
        [HookDialect.ClaudeCode, HookDialect.Cursor, HookDialect.Gemini, HookDialect.Copilot, HookDialect.Codex];

    public static string Name(HookDialect dialect) => dialect switch
    {
        HookDialect.ClaudeCode => "claude-code",
        HookDialect.Cursor => "cursor",
        HookDialect.Gemini => "gemini",
        HookDialect.Copilot => "copilot",
        HookDialect.Codex => "codex",
        _ => throw new ArgumentOutOfRangeException(nameof(dialect), dialect, "unknown hook dialect"),
    };

    /// <summary>Reads a CLI name (exact, lower case); nothing else is accepted, so a typo cannot pick a dialect.</summary>
    public static bool TryParse(string? name, out HookDialect dialect)
    {
        foreach (var candidate in All)
        {
            if (string.Equals(Name(candidate), name, StringComparison.Ordinal))
            {
                dialect = candidate;
                return true;
            }
        }

        dialect = default;
        return false;
    }
}
