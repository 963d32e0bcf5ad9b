using Mandate.Agents.Decisions;
using Mandate.Agents.Hooks;
using Mandate.Core.Audit;

namespace Mandate.Agents.Runtime;

/// <summary>Handles one parsed hook event other than a session's start and end: decides a tool call, or records what the agent reports.</summary>
public sealed class HookHandler
{
    private readonly HomeContext _ctx;
    private readonly HookEvent _event;
    private readonly string _project;
    private readonly string _dialect;

    public HookHandler(HomeContext ctx, HookEvent hookEvent)
    {
        _ctx = ctx;
        _event = hookEvent;
        _dialect = HookDialects.Name(hookEvent.Dialect);
        _project = ProjectRoot.Find(hookEvent.Cwd);
    }

    public HookReply Handle() => _event.Kind == HookEventKind.PreTool ? PreTool() : Recorded(RecordEvent());

    private HookReply PreTool()
    {
        if (_event.Tool is null)
        {
            return HookResponder.Fail(_event.Dialect, "the tool call names no tool");
        }

        var policies = PolicyLoad.Start(Path.Combine(_ctx.Home.Root, "policies"), Path.Combine(_project, ".mandate", "policies"), WarmUp.Run);
        var session = HookSessions.Load(_ctx.Home, _dialect, _event.SessionId);
        var context = Context(session, _event.Tool.Name);
        var profile = HookMandate.Resolve(_ctx, session, _project);
        ToolDecision decision;
        if (!profile.IsSuccess)
        {
            decision = ToolDecision.Failed($"{profile.Error.Code}: {profile.Error.Message} {profile.Error.Fix}");
        }
        else
        {
            var requests = RequestBuilder.Build(_event.Tool, context);
            var bundle = policies.Wait();
            decision = bundle.IsSuccess
                ? DecisionEngine.Decide(requests, profile.Value, context, bundle.Value)
                : ToolDecision.Failed($"{bundle.Error.Code}: {bundle.Error.Message}");
        }

        var shadow = _ctx.Settings.Value.Shadow;
        var answered = shadow ? Verdict.Allow : decision.Verdict;
        var reason = shadow && decision.Verdict != Verdict.Allow ? $"shadow mode, would {Verdicts.Name(decision.Verdict)}: {decision.Reason}" : decision.Reason;

        // The record is written before the answer: if it cannot be, the call is denied (as Vault refuses a request no audit device could record).
        _ctx.Store.Audit.Append(HookRecords.Decision(_ctx.Time.GetUtcNow(), _event, context, profile.IsSuccess ? profile.Value : DecisionProfile.None, decision, answered, shadow));
        return HookResponder.Decide(_event, answered, reason);
    }

    private HookReply Recorded(AuditRecord record)
    {
        _ctx.Store.Audit.Append(record);
        return HookResponder.Acknowledge(_event);
    }

    private AuditRecord RecordEvent() => EventRecord(_ctx, _event, _project);

    private ToolContext Context(HookSession? session, string toolName) => ToolContext(_ctx, _event, _project, session, toolName);

    /// <summary>The record of an event the agent reports (a tool's outcome, a prompt, a session starting or ending).</summary>
    public static AuditRecord EventRecord(HomeContext ctx, HookEvent e, string project)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        ArgumentNullException.ThrowIfNull(e);
        var session = HookSessions.Load(ctx.Home, HookDialects.Name(e.Dialect), e.SessionId);
        return HookRecords.Event(ctx.Time.GetUtcNow(), e, ToolContext(ctx, e, project, session, e.Tool?.Name ?? ""));
    }

    /// <summary>Who is acting and where: the session's SPIFFE ID (a sub-agent's own below it), the project, the tool.</summary>
    public static ToolContext ToolContext(HomeContext ctx, HookEvent e, string project, HookSession? session, string toolName)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        ArgumentNullException.ThrowIfNull(e);
        var dialect = HookDialects.Name(e.Dialect);
        var principal = session?.Principal ?? HookSessions.AgentSpiffeId(ctx.Settings.Value.TrustDomain, dialect, project);
        var subagent = e.AgentType is { Length: > 0 } || e.AgentId is { Length: > 0 };
        if (subagent)
        {
            principal += "/subagent/" + HookSessions.Segment(e.AgentType ?? e.AgentId ?? "agent");
        }

        return new ToolContext
        {
            Principal = principal,
            AgentType = subagent ? e.AgentType ?? "subagent" : dialect,
            Dialect = dialect,
            Subagent = subagent,
            Project = project,
            Cwd = e.Cwd,
            Home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile, Environment.SpecialFolderOption.DoNotVerify),
            MandateHome = ctx.Home.Root,
            SessionId = e.SessionId,
            ToolName = toolName,
            ToolUseId = e.ToolUseId ?? "",
        };
    }
}
