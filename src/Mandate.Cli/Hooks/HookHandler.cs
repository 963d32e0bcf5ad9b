using Mandate.Agents.Decisions;
using Mandate.Agents.Hooks;
using Mandate.Cli.Commands;
using Mandate.Core.Audit;

namespace Mandate.Cli.Hooks;

/// <summary>Handles one parsed hook event: decides a tool call, or records what the agent reports.</summary>
internal sealed partial class HookHandler
{
    private readonly CliContext _ctx;
    private readonly HookEvent _event;
    private readonly string _project;
    private readonly string _dialect;

    public HookHandler(CliContext ctx, HookEvent hookEvent)
    {
        _ctx = ctx;
        _event = hookEvent;
        _dialect = HookDialects.Name(hookEvent.Dialect);
        _project = ProjectRoot.Find(hookEvent.Cwd);
    }

    public HookReply Handle() => _event.Kind switch
    {
        HookEventKind.PreTool => PreTool(),
        HookEventKind.SessionStart => Swept(Recorded(StartSession()), ended: false),
        HookEventKind.SessionEnd => Swept(Recorded(EndSession()), ended: true),
        _ => Recorded(RecordEvent()),
    };

    private HookReply PreTool()
    {
        if (_event.Tool is null)
        {
            return HookResponder.Fail(_event.Dialect, "the tool call names no tool");
        }

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
            var bundle = PolicyBundle.Load(Path.Combine(_ctx.Home.Root, "policies"), Path.Combine(_project, ".mandate", "policies"));
            decision = bundle.IsSuccess
                ? DecisionEngine.Decide(RequestBuilder.Build(_event.Tool, context), profile.Value, context, bundle.Value)
                : ToolDecision.Failed($"{bundle.Error.Code}: {bundle.Error.Message}");
        }

        var shadow = _ctx.Settings.Value.Shadow;
        var answered = shadow ? Verdict.Allow : decision.Verdict;
        var reason = shadow && decision.Verdict != Verdict.Allow ? $"shadow mode, would {Verdicts.Name(decision.Verdict)}: {decision.Reason}" : decision.Reason;

        // The record is written before the answer: if it cannot be, the call is denied (as Vault refuses a request no audit device could record).
        _ctx.Store.Audit.Append(HookRecords.Decision(_ctx.Time.GetUtcNow(), _event, context, profile.IsSuccess ? profile.Value : DecisionProfile.None, decision, answered, shadow));
        return HookResponder.Decide(_event, answered, reason);
    }

    /// <summary>
    /// At session start and end only (a tool call must stay fast): revokes the ended session's leases, and every expired
    /// lease, at their providers. Nothing is dropped silently: each lease a provider fails to revoke is audited by the
    /// lease service (<c>lease.revoke.fail</c>, <c>lease.expire.fail</c>) and stays unrevoked for the next sweep.
    /// </summary>
    private HookReply Swept(HookReply reply, bool ended)
    {
        var service = LeaseCli.Service(_ctx);
        if (!service.IsSuccess)
        {
            return reply;
        }

        if (ended && HookSessions.Load(_ctx.Home, _dialect, _event.SessionId) is { Jti: { } jti })
        {
            _ = service.Value.RevokeForMandates([jti], "session ended", _ctx.Actor);
        }

        _ = service.Value.Sweep(_ctx.Actor);
        return reply;
    }

    private HookReply Recorded(AuditRecord record)
    {
        _ctx.Store.Audit.Append(record);
        return HookResponder.Acknowledge(_event);
    }

    private AuditRecord RecordEvent()
    {
        var session = HookSessions.Load(_ctx.Home, _dialect, _event.SessionId);
        return HookRecords.Event(_ctx.Time.GetUtcNow(), _event, Context(session, _event.Tool?.Name ?? ""));
    }

    private ToolContext Context(HookSession? session, string toolName)
    {
        var principal = session?.Principal ?? HookSessions.AgentSpiffeId(_ctx.Settings.Value.TrustDomain, _dialect, _project);
        var subagent = _event.AgentType is { Length: > 0 } || _event.AgentId is { Length: > 0 };
        if (subagent)
        {
            principal += "/subagent/" + HookSessions.Segment(_event.AgentType ?? _event.AgentId ?? "agent");
        }

        return new ToolContext
        {
            Principal = principal,
            AgentType = subagent ? _event.AgentType ?? "subagent" : _dialect,
            Dialect = _dialect,
            Subagent = subagent,
            Project = _project,
            Cwd = _event.Cwd,
            Home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile),
            MandateHome = _ctx.Home.Root,
            SessionId = _event.SessionId,
            ToolName = toolName,
            ToolUseId = _event.ToolUseId ?? "",
        };
    }

}
