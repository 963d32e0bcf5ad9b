using Mandate.Cedar;

namespace Mandate.Agents.Decisions;

/// <summary>
/// One Cedar request derived from a tool call: an action on a typed resource. <see cref="Targets"/> are
/// what the mandate's capabilities of <see cref="Kind"/>:<see cref="Verb"/> are matched against.
/// </summary>
public sealed record DerivedRequest
{
    /// <summary>The Cedar action id: fs.read, fs.write, exec, net.connect, mcp.call, repo.push, tool.use, agent.delegate.</summary>
    public required string Action { get; init; }

    public required Entity Resource { get; init; }

    /// <summary>A short description for people: "read /repo/.env", "run curl", "connect paste.example.net:443".</summary>
    public required string Summary { get; init; }

    /// <summary>The capability kind and verb that can cover it (null when no capability can, e.g. tool.use).</summary>
    public string? Kind { get; init; }

    public string? Verb { get; init; }

    public IReadOnlyList<string> Targets { get; init; } = [];

    /// <summary>
    /// The mandate need not cover it: a command that cannot be analysed (a script, <c>eval "$x"</c>) is
    /// decided by the guardrails alone — they ask, or deny — rather than denied for being outside the scope.
    /// </summary>
    public bool Unscoped { get; init; }

    /// <summary>Checked against the forbids only: a path-like argument of a command, which may or may not be read.</summary>
    public bool GuardOnly { get; init; }

    /// <summary>The smallest capability that would cover it, for explanations.</summary>
    public string? Suggestion => Kind is null || Targets.Count == 0 ? null : $"{Kind}:{Verb}:{Targets[0]}";
}
