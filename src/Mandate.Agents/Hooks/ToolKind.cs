namespace Mandate.Agents.Hooks;

/// <summary>What a tool does, whatever the agent calls it. <see cref="Unknown"/> is every name not mapped.</summary>
public enum ToolKind
{
    Shell,
    Read,
    Write,
    Edit,
    Search,
    WebFetch,
    WebSearch,
    Mcp,
    Agent,
    Internal,
    Unknown,
}
