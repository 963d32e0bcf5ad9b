using Mandate.Agents.Hooks;
using Mandate.Agents.Shell.Internal;
using Mandate.Agents.Shell;

namespace Mandate.Agents.Decisions;

/// <summary>
/// Turns one tool call into the Cedar requests it implies (DESIGN.md §4). A shell command yields one
/// request per simple command it unfolds into, plus one per file read or written, host reached and push.
/// </summary>
public static partial class RequestBuilder
{
    public static IReadOnlyList<DerivedRequest> Build(ToolCall call, ToolContext context) => Build(call, context, out _);

    /// <summary>As <see cref="Build(ToolCall, ToolContext)"/>, also returning the shell analysis of a Shell call (for explanations).</summary>
    public static IReadOnlyList<DerivedRequest> Build(ToolCall call, ToolContext context, out ShellAnalysis? analysis)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(context);
        analysis = null;
        var requests = new List<DerivedRequest>();
        switch (call.Kind)
        {
            case ToolKind.Shell:
                analysis = ShellAnalyzer.Analyze(call.Command ?? "", new ShellContext(context.Cwd, context.Home));
                AddShell(requests, analysis, context);
                break;
            case ToolKind.Read:
                AddFiles(requests, "fs.read", call.Paths, context);
                break;
            case ToolKind.Write:
            case ToolKind.Edit:
                AddFiles(requests, "fs.write", call.Paths, context);
                break;
            case ToolKind.Search:
                AddFiles(requests, "fs.read", SearchPaths(call, context), context);
                break;
            case ToolKind.WebFetch:
                AddUrl(requests, call.Url, call.Name);
                break;
            case ToolKind.Mcp:
                var server = call.McpServer ?? "";
                var tool = call.McpTool ?? "";
                requests.Add(new DerivedRequest
                {
                    Action = "mcp.call",
                    Resource = Resources.McpTool(server, tool),
                    Summary = $"call MCP tool {server}/{tool}",
                    Kind = "mcp",
                    Verb = "call",
                    Targets = server.Length > 0 && tool.Length > 0 ? [$"{server}/{tool}"] : [],
                });
                break;
            case ToolKind.Agent:
                var type = string.IsNullOrEmpty(call.SubagentType) ? "general-purpose" : call.SubagentType;
                requests.Add(new DerivedRequest
                {
                    Action = "agent.delegate",
                    Resource = Resources.Agent(type, type, context.Dialect, subagent: true),
                    Summary = $"start a {type} sub-agent",
                    Kind = "agent",
                    Verb = "delegate",
                    Targets = [type],
                });
                break;
            case ToolKind.WebSearch:
                requests.Add(ToolUse("WebSearch", known: true, isInternal: false));
                break;
            case ToolKind.Internal:
                requests.Add(ToolUse(call.Name, known: true, isInternal: true));
                break;
            default:
                requests.Add(ToolUse(call.Name, known: false, isInternal: false));
                break;
        }

        return requests;
    }

    /// <summary>The request to issue a credential (<c>credential.issue</c>): covered by the mandate's capability of the same kind and verb.</summary>
    public static DerivedRequest Credential(string kind, string provider, string capability)
    {
        ArgumentNullException.ThrowIfNull(capability);
        var parts = capability.Split(':', 3);
        return new DerivedRequest
        {
            Action = "credential.issue",
            Resource = Resources.Credential(kind, provider, capability),
            Summary = $"issue a {kind} credential ({capability})",
            Kind = parts.Length == 3 ? parts[0] : null,
            Verb = parts.Length == 3 ? parts[1] : null,
            Targets = parts.Length == 3 ? [parts[2]] : [],
        };
    }

    private static IEnumerable<string> SearchPaths(ToolCall call, ToolContext context)
    {
        var paths = call.Paths.Count > 0 ? call.Paths : [context.Cwd];
        var glob = call.Pattern is { Length: > 0 } p && call.Name.Contains("glob", StringComparison.OrdinalIgnoreCase) ? p : null;
        return glob is null ? paths : paths.Select(dir => glob.StartsWith('/') ? glob : dir.TrimEnd('/') + "/" + glob);
    }

    private static void AddFiles(List<DerivedRequest> requests, string action, IEnumerable<string> paths, ToolContext context)
    {
        var verb = action == "fs.read" ? "read" : "write";
        foreach (var raw in paths)
        {
            // A path computed at run time (find … {}, xargs) is taken under the working directory, as those commands
            // produce it there; the scope must still cover the directory it comes from.
            var path = ShellPath.Resolve(ShellPath.IsDynamic(raw) && !raw.StartsWith('/') ? context.Cwd + "/" + raw : raw, context.Cwd, context.Home);
            requests.Add(new DerivedRequest
            {
                Action = action,
                Resource = Resources.File(path, context),
                Summary = $"{verb} {path}",
                Kind = "fs",
                Verb = verb,
                Targets = [path, path + "/\u2217"], // a directory: covered when what is inside it is
            });
        }
    }

    private static void AddUrl(List<DerivedRequest> requests, string? url, string program)
    {
        if (url is not null && Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Host.Length > 0)
        {
            AddHost(requests, uri.IdnHost.ToLowerInvariant(), uri.Port > 0 ? uri.Port : null, dynamic: false, program);
            return;
        }

        // An address that cannot be read is treated as one computed at run time: the guardrail denies it.
        AddHost(requests, "\u2217", 443, dynamic: true, program);
    }

    private static void AddHost(List<DerivedRequest> requests, string name, int? port, bool dynamic, string program)
    {
        // A DNS lookup has no port: it leaks the name whatever the port, so any covered port of the host covers it.
        string[] targets = port is { } p ? [$"{name}:{p}"] : [$"{name}:443", $"{name}:80", $"{name}:53"];
        requests.Add(new DerivedRequest
        {
            Action = "net.connect",
            Resource = Resources.Host(name, port ?? 53, dynamic, program),
            Summary = port is null ? $"{program} looks up {name}" : $"{program} connects to {name}:{port}",
            Kind = "net",
            Verb = "connect",
            Targets = dynamic ? [] : targets,
        });
    }

    private static DerivedRequest ToolUse(string name, bool known, bool isInternal) => new()
    {
        Action = "tool.use",
        Resource = Resources.Tool(name, known, isInternal),
        Summary = known ? $"use the {name} tool" : $"use the unknown tool {name}",
        Unscoped = true, // no capability names tools: the built-in policies decide (internal allowed, the rest asked)
    };
}
