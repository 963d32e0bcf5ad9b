using System.Text.Json;
using System.Text.RegularExpressions;
using Mandate.Agents.Hooks.Internal;

namespace Mandate.Agents.Hooks;

public static partial class HookParser
{
    private static readonly IReadOnlyDictionary<string, ToolKind> ClaudeTools = new Dictionary<string, ToolKind>(StringComparer.Ordinal)
    {
        ["Bash"] = ToolKind.Shell,
        ["PowerShell"] = ToolKind.Shell,
        ["Read"] = ToolKind.Read,
        ["Write"] = ToolKind.Write,
        ["Edit"] = ToolKind.Edit,
        ["MultiEdit"] = ToolKind.Edit,
        ["NotebookEdit"] = ToolKind.Edit,
        ["Glob"] = ToolKind.Search,
        ["Grep"] = ToolKind.Search,
        ["LS"] = ToolKind.Search,
        ["WebFetch"] = ToolKind.WebFetch,
        ["WebSearch"] = ToolKind.WebSearch,
        ["Agent"] = ToolKind.Agent,
        ["Task"] = ToolKind.Agent,
        ["TodoWrite"] = ToolKind.Internal,
        ["AskUserQuestion"] = ToolKind.Internal,
        ["ExitPlanMode"] = ToolKind.Internal,
        ["Skill"] = ToolKind.Internal,
        ["ToolSearch"] = ToolKind.Internal,
        ["KillShell"] = ToolKind.Internal,
        ["BashOutput"] = ToolKind.Internal,
        ["Monitor"] = ToolKind.Internal,
    };

    private static readonly IReadOnlyDictionary<string, ToolKind> CodexTools = new Dictionary<string, ToolKind>(ClaudeTools, StringComparer.Ordinal)
    {
        ["apply_patch"] = ToolKind.Edit,
    };

    // Copilot's native names; its PascalCase format sends Claude's names, so both are known in either format.
    private static readonly IReadOnlyDictionary<string, ToolKind> CopilotTools = new Dictionary<string, ToolKind>(ClaudeTools, StringComparer.Ordinal)
    {
        ["bash"] = ToolKind.Shell,
        ["powershell"] = ToolKind.Shell,
        ["view"] = ToolKind.Read,
        ["create"] = ToolKind.Write,
        ["edit"] = ToolKind.Edit,
        ["apply_patch"] = ToolKind.Edit,
        ["glob"] = ToolKind.Search,
        ["grep"] = ToolKind.Search,
        ["web_fetch"] = ToolKind.WebFetch,
        ["task"] = ToolKind.Agent,
        ["ask_user"] = ToolKind.Internal,
    };

    private static readonly IReadOnlyDictionary<string, ToolKind> CursorTools = new Dictionary<string, ToolKind>(StringComparer.OrdinalIgnoreCase)
    {
        ["Shell"] = ToolKind.Shell,
        ["Read"] = ToolKind.Read,
        ["Write"] = ToolKind.Write,
        // Deleting a file is a write to it.
        ["Delete"] = ToolKind.Write,
        ["Edit"] = ToolKind.Edit,
        ["StrReplace"] = ToolKind.Edit,
        ["MultiEdit"] = ToolKind.Edit,
        ["Grep"] = ToolKind.Search,
        ["Glob"] = ToolKind.Search,
        ["LS"] = ToolKind.Search,
        ["WebFetch"] = ToolKind.WebFetch,
        ["WebSearch"] = ToolKind.WebSearch,
        ["Task"] = ToolKind.Agent,
        ["TodoWrite"] = ToolKind.Internal,
    };

    private static readonly IReadOnlyDictionary<string, ToolKind> GeminiTools = new Dictionary<string, ToolKind>(StringComparer.Ordinal)
    {
        ["run_shell_command"] = ToolKind.Shell,
        ["read_file"] = ToolKind.Read,
        ["read_many_files"] = ToolKind.Read,
        ["write_file"] = ToolKind.Write,
        ["replace"] = ToolKind.Edit,
        ["glob"] = ToolKind.Search,
        ["grep_search"] = ToolKind.Search,
        ["search_file_content"] = ToolKind.Search,
        ["list_directory"] = ToolKind.Search,
        ["web_fetch"] = ToolKind.WebFetch,
        ["google_web_search"] = ToolKind.WebSearch,
        ["save_memory"] = ToolKind.Internal,
        ["ask_user"] = ToolKind.Internal,
    };

    private static ToolCall? Tool(HookDialect dialect, string eventName, JsonElement root, string cwd, PayloadReader reader)
    {
        if (dialect == HookDialect.Cursor)
        {
            switch (eventName)
            {
                case "beforeShellExecution" or "afterShellExecution":
                    return Build(dialect, "Shell", ToolKind.Shell, root, root, cwd, reader, "");
                case "beforeReadFile":
                    return Build(dialect, "Read", ToolKind.Read, root, root, cwd, reader, "");
                case "afterFileEdit":
                    return Build(dialect, "Write", ToolKind.Write, root, root, cwd, reader, "");
                case "beforeMCPExecution" or "afterMCPExecution":
                    var mcpName = reader.String(root, "tool_name");
                    if (string.IsNullOrEmpty(mcpName))
                    {
                        return null;
                    }

                    var mcpInput = reader.Object(root, "tool_input", allowJsonString: true);
                    var (server, tool) = SplitCursorMcp(mcpName);
                    return new ToolCall
                    {
                        Name = mcpName,
                        Kind = ToolKind.Mcp,
                        McpServer = server,
                        McpTool = tool,
                        Url = reader.String(root, "url"),
                        Command = reader.String(root, "command"),
                        Content = mcpInput.GetRawText(),
                    };
            }
        }

        var camel = dialect == HookDialect.Copilot && !IsPascalCase(eventName);
        var name = camel ? reader.FirstString(root, "", "toolName", "tool_name") : reader.String(root, "tool_name");
        if (string.IsNullOrEmpty(name))
        {
            return null;
        }

        var allowJsonString = dialect is HookDialect.Cursor or HookDialect.Copilot;
        var inputName = camel ? "toolArgs" : "tool_input";
        var input = reader.Object(root, inputName, allowJsonString);
        return Build(dialect, name, Classify(dialect, name), root, input, cwd, reader, inputName + ".");
    }

    private static ToolKind Classify(HookDialect dialect, string name)
    {
        if (name.StartsWith("mcp__", StringComparison.Ordinal)
            || (dialect == HookDialect.Gemini && name.StartsWith("mcp_", StringComparison.Ordinal))
            || (dialect == HookDialect.Cursor && name.StartsWith("MCP:", StringComparison.OrdinalIgnoreCase)))
        {
            return ToolKind.Mcp;
        }

        var table = dialect switch
        {
            HookDialect.ClaudeCode => ClaudeTools,
            HookDialect.Codex => CodexTools,
            HookDialect.Copilot => CopilotTools,
            HookDialect.Cursor => CursorTools,
            HookDialect.Gemini => GeminiTools,
            _ => throw new ArgumentOutOfRangeException(nameof(dialect), dialect, "unknown hook dialect"),
        };
        return table.TryGetValue(name, out var kind) ? kind : ToolKind.Unknown;
    }

    private static ToolCall Build(
        HookDialect dialect, string name, ToolKind kind, JsonElement root, JsonElement input, string cwd, PayloadReader reader, string where)
    {
        switch (kind)
        {
            case ToolKind.Shell:
                var command = ShellCommand(input, reader, where);
                if (command is null)
                {
                    reader.Problem($"the {name} call has no {where}command");
                }

                return new ToolCall { Name = name, Kind = kind, Command = command };

            case ToolKind.Read or ToolKind.Write or ToolKind.Edit:
                return FileTool(name, kind, input, cwd, reader, where);

            case ToolKind.Search:
                var searched = reader.FirstString(input, where, "path", "dir_path", "directory", "target_directory");
                return new ToolCall
                {
                    Name = name,
                    Kind = kind,
                    Pattern = reader.FirstString(input, where, "pattern", "glob_pattern", "query"),
                    Paths = [string.IsNullOrEmpty(searched) ? cwd : Absolute(searched, cwd, reader)],
                };

            case ToolKind.WebFetch:
                var url = reader.String(input, "url", where);
                if (url is null && dialect == HookDialect.Gemini)
                {
                    // Gemini's web_fetch takes a prompt with the URL(s) inside it.
                    var prompt = reader.String(input, "prompt", where);
                    url = prompt is null ? null : FirstUrl().Match(prompt) is { Success: true } m ? m.Value.TrimEnd('.', ',', ';', ':', '!', '?') : null;
                }

                return new ToolCall { Name = name, Kind = kind, Url = url };

            case ToolKind.WebSearch:
                return new ToolCall { Name = name, Kind = kind, Query = reader.String(input, "query", where) };

            case ToolKind.Agent:
                return new ToolCall
                {
                    Name = name,
                    Kind = kind,
                    SubagentType = reader.FirstString(input, where, "subagent_type", "agent_type", "agentType"),
                };

            case ToolKind.Mcp:
                return McpTool(dialect, name, root, input, reader);

            default:
                return new ToolCall { Name = name, Kind = kind };
        }
    }

    private static string? ShellCommand(JsonElement input, PayloadReader reader, string where)
    {
        // Codex has sent the command as an argv array in some versions; joined, it reads as the shell line it runs.
        if (PayloadReader.TryGet(input, "command", out var value) && value.ValueKind == JsonValueKind.Array)
        {
            var argv = reader.Strings(input, "command", where);
            return argv.Count == 0 ? null : string.Join(' ', argv);
        }

        var command = reader.String(input, "command", where);
        return string.IsNullOrEmpty(command) ? null : command;
    }

    private static ToolCall FileTool(string name, ToolKind kind, JsonElement input, string cwd, PayloadReader reader, string where)
    {
        var paths = new List<string>();
        string? content;
        if (name == "apply_patch")
        {
            content = reader.FirstString(input, where, "command", "patch", "input");
            paths.AddRange(ApplyPatch.Files(content ?? ""));
        }
        else
        {
            var path = reader.FirstString(input, where, "file_path", "notebook_path", "absolute_path", "path", "target_file", "filePath");
            if (!string.IsNullOrEmpty(path))
            {
                paths.Add(path);
            }

            // Gemini read_many_files.
            paths.AddRange(reader.Strings(input, "paths", where));
            content = kind switch
            {
                ToolKind.Write => reader.FirstString(input, where, "content", "file_text", "contents")
                    ?? (PayloadReader.TryGet(input, "edits", out _) ? EditContent(input, reader, where) : null),
                ToolKind.Edit => EditContent(input, reader, where),
                _ => null,
            };
        }

        if (paths.Count == 0)
        {
            reader.Problem($"the {name} call names no file");
        }

        return new ToolCall
        {
            Name = name,
            Kind = kind,
            Paths = [.. paths.Select(p => Absolute(p, cwd, reader)).Distinct(StringComparer.Ordinal)],
            Content = content,
        };
    }

    private static string? EditContent(JsonElement input, PayloadReader reader, string where)
    {
        if (!PayloadReader.TryGet(input, "edits", out var edits))
        {
            return reader.FirstString(input, where, "new_string", "new_str", "new_source", "content");
        }

        if (edits.ValueKind != JsonValueKind.Array)
        {
            reader.Problem($"{where}edits must be an array, not {PayloadReader.Describe(edits)}");
            return null;
        }

        var parts = new List<string>();
        foreach (var edit in edits.EnumerateArray())
        {
            if (edit.ValueKind != JsonValueKind.Object)
            {
                reader.Problem($"{where}edits must hold objects, not {PayloadReader.Describe(edit)}");
                return null;
            }

            var text = reader.FirstString(edit, where + "edits[].", "new_string", "new_str");
            if (text is not null)
            {
                parts.Add(text);
            }
        }

        return string.Join('\n', parts);
    }

    private static ToolCall McpTool(HookDialect dialect, string name, JsonElement root, JsonElement input, PayloadReader reader)
    {
        string? server;
        string? tool;
        string? url = null;
        string? command = null;
        if (dialect == HookDialect.Gemini && PayloadReader.TryGet(root, "mcp_context", out var context))
        {
            if (context.ValueKind != JsonValueKind.Object)
            {
                reader.Problem($"mcp_context must be an object, not {PayloadReader.Describe(context)}");
            }

            server = reader.String(context, "server_name", "mcp_context.");
            tool = reader.String(context, "tool_name", "mcp_context.");
            url = reader.String(context, "url", "mcp_context.");
            command = reader.String(context, "command", "mcp_context.");
        }
        else if (name.StartsWith("mcp__", StringComparison.Ordinal))
        {
            (server, tool) = Split(name["mcp__".Length..], "__");
        }
        else if (name.StartsWith("MCP:", StringComparison.OrdinalIgnoreCase))
        {
            (server, tool) = SplitCursorMcp(name["MCP:".Length..]);
        }
        else
        {
            // Gemini mcp_<server>_<tool>: the first underscore is the only separator the name can be split on.
            (server, tool) = Split(name["mcp_".Length..], "_");
        }

        return new ToolCall
        {
            Name = name,
            Kind = ToolKind.Mcp,
            McpServer = server,
            McpTool = tool,
            Url = url,
            Command = command,
            Content = input.GetRawText(),
        };
    }

    /// <summary>Cursor names MCP tools <c>server:tool</c>, <c>MCP:server:tool</c> or just <c>tool</c> (server unknown).</summary>
    private static (string? Server, string? Tool) SplitCursorMcp(string name)
    {
        if (name.StartsWith("MCP:", StringComparison.OrdinalIgnoreCase))
        {
            name = name["MCP:".Length..];
        }

        var colon = name.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? (null, name) : (NullIfEmpty(name[..colon]), NullIfEmpty(name[(colon + 1)..]));
    }

    private static (string? Server, string? Tool) Split(string rest, string separator)
    {
        var at = rest.IndexOf(separator, StringComparison.Ordinal);
        return at < 0 ? (NullIfEmpty(rest), null) : (NullIfEmpty(rest[..at]), NullIfEmpty(rest[(at + separator.Length)..]));
    }

    private static string? NullIfEmpty(string text) => text.Length == 0 ? null : text;

    [GeneratedRegex(@"https?://[^\s""'<>()\[\]{}]+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex FirstUrl();
}
