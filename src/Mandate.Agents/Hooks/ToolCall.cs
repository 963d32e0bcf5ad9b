namespace Mandate.Agents.Hooks;

/// <summary>A tool call as every dialect describes it, normalised.</summary>
public sealed class ToolCall
{
    /// <summary>The tool name as the agent sent it (Bash, run_shell_command, Shell, view, MCP:github:create_issue…).</summary>
    public required string Name { get; init; }

    public required ToolKind Kind { get; init; }

    /// <summary>Shell: the command line. MCP (Cursor beforeMCPExecution, Gemini mcp_context): the stdio server's command.</summary>
    public string? Command { get; init; }

    /// <summary>
    /// Read/Write/Edit: the file(s); Search: the directory or path searched (the working directory when absent).
    /// Always absolute, made so against the event's working directory.
    /// </summary>
    public IReadOnlyList<string> Paths { get; init; } = [];

    /// <summary>Glob/Grep pattern.</summary>
    public string? Pattern { get; init; }

    /// <summary>WebFetch: the URL. MCP (Cursor beforeMCPExecution, Gemini mcp_context): the HTTP server's URL.</summary>
    public string? Url { get; init; }

    /// <summary>WebSearch: the query.</summary>
    public string? Query { get; init; }

    /// <summary>The MCP server; null when the agent did not say (Cursor's bare tool names).</summary>
    public string? McpServer { get; init; }

    public string? McpTool { get; init; }

    /// <summary>Agent/Task: the sub-agent type asked for.</summary>
    public string? SubagentType { get; init; }

    /// <summary>Write content, Edit new text (joined for MultiEdit), a patch: for secret scanning only, never to be logged.</summary>
    public string? Content { get; init; }
}
