using Mandate.Agents.Decisions;
using Mandate.Agents.Hooks;
using Mandate.Core.Audit;

namespace Mandate.Agents.Runtime;

/// <summary>The audit records of hook events. A decision record keeps what <c>mandate why</c> needs to explain it again.</summary>
public static class HookRecords
{
    public static AuditRecord Decision(
        DateTimeOffset now,
        HookEvent e,
        ToolContext context,
        DecisionProfile profile,
        ToolDecision decision,
        Verdict answered,
        bool shadow)
    {
        var tool = e.Tool!;
        var deciding = decision.Requests.FirstOrDefault(r => r.Verdict == decision.Verdict);
        var details = Common(e, context);
        details["tool_kind"] = tool.Kind.ToString();
        details["input"] = Input(tool);
        details["mode"] = shadow ? "shadow" : "enforce";
        details["would"] = Verdicts.Name(decision.Verdict);
        details["answered"] = Verdicts.Name(answered);
        details["requests"] = decision.Requests.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (!profile.Ask.IsEmpty)
        {
            details["mandate_ask"] = profile.Ask.ToString();
        }

        return new AuditRecord
        {
            Time = now,
            Kind = AuditKinds.Decision,
            Event = "tool.pre",
            Actor = Actor(e, context),
            OnBehalfOf = profile.HasMandate ? profile.Human : null,
            Task = profile.HasMandate ? new AuditTask(profile.TaskId, profile.Purpose) : null,
            Mandate = profile.HasMandate ? profile.Jti : null,
            Action = new AuditAction(tool.Name, "pre", deciding?.Request.Summary ?? decision.Reason),
            Resource = deciding?.Request.Resource.Uid.Id,
            Decision = new AuditDecision(Verdicts.Name(decision.Verdict), decision.PolicyIds, decision.Reason),
            Details = details,
        };
    }

    /// <summary>Any other event: a tool's outcome (joined to its decision on tool_use_id), a session or sub-agent starting or stopping, a prompt.</summary>
    public static AuditRecord Event(DateTimeOffset now, HookEvent e, ToolContext context)
    {
        var details = Common(e, context);
        var (kind, name, outcome) = e.Kind switch
        {
            HookEventKind.PostTool => (AuditKinds.Decision, "tool.post", "ok"),
            HookEventKind.PostToolFailure => (AuditKinds.Decision, "tool.post", "failed: " + OneLine(e.Error ?? "")),
            HookEventKind.SubagentStart => (AuditKinds.Lifecycle, "subagent.start", (string?)null),
            HookEventKind.SubagentStop => (AuditKinds.Lifecycle, "subagent.stop", null),
            HookEventKind.UserPrompt => (AuditKinds.Lifecycle, "prompt.submit", null),
            HookEventKind.SessionStart => (AuditKinds.Lifecycle, "session.start", null),
            HookEventKind.SessionEnd => (AuditKinds.Lifecycle, "session.end", null),
            _ => (AuditKinds.Lifecycle, "hook." + e.EventName, null),
        };
        if (e.Source is { Length: > 0 } source)
        {
            details["source"] = source;
        }

        return new AuditRecord
        {
            Time = now,
            Kind = kind,
            Event = name,
            Actor = Actor(e, context),
            Action = e.Tool is { } tool ? new AuditAction(tool.Name, "post", Input(tool)) : null,
            Outcome = outcome,
            Details = details,
        };
    }

    private static Dictionary<string, string?> Common(HookEvent e, ToolContext context) => new(StringComparer.Ordinal)
    {
        ["dialect"] = context.Dialect,
        ["event"] = e.EventName,
        ["tool_use_id"] = e.ToolUseId,
        ["cwd"] = e.Cwd,
        ["project"] = context.Project,
    };

    private static AuditActor Actor(HookEvent e, ToolContext context) =>
        new(context.Principal, e.SessionId.Length > 0 ? e.SessionId : null, e.AgentId, context.AgentType, e.Model);

    /// <summary>What the tool was asked to do, as one string (secrets in it are redacted by the audit log).</summary>
    public static string Input(ToolCall tool) => tool.Kind switch
    {
        ToolKind.Shell => tool.Command ?? "",
        ToolKind.WebFetch => tool.Url ?? "",
        ToolKind.WebSearch => tool.Query ?? "",
        ToolKind.Mcp => $"{tool.McpServer}/{tool.McpTool}",
        ToolKind.Agent => tool.SubagentType ?? "",
        ToolKind.Search => string.Join('\n', tool.Paths.Append(tool.Pattern ?? "")),
        _ => string.Join('\n', tool.Paths),
    };

    private static string OneLine(string text)
    {
        var line = text.ReplaceLineEndings(" ");
        return line.Length > 300 ? line[..300] : line;
    }
}
