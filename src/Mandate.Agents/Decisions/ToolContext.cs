namespace Mandate.Agents.Decisions;

/// <summary>Where and by whom a tool call is made: the facts its Cedar requests are built from.</summary>
public sealed record ToolContext
{
    /// <summary>The acting principal's SPIFFE ID (the session's, or the agent's).</summary>
    public required string Principal { get; init; }

    /// <summary>The agent type: claude-code, cursor… or a sub-agent's type.</summary>
    public required string AgentType { get; init; }

    public required string Dialect { get; init; }

    public bool Subagent { get; init; }

    /// <summary>The project root (absolute); files under it are "in the project".</summary>
    public required string Project { get; init; }

    public required string Cwd { get; init; }

    public required string Home { get; init; }

    /// <summary>Mandate's own home ($MANDATE_HOME), never for agents.</summary>
    public required string MandateHome { get; init; }

    public string SessionId { get; init; } = "";

    public string ToolName { get; init; } = "";

    public string ToolUseId { get; init; } = "";
}
