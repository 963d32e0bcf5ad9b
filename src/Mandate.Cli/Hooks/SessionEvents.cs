using System.Security.Cryptography.X509Certificates;
using Mandate.Agents.Hooks;
using Mandate.Agents.Runtime;
using Mandate.Cli.Commands;
using Mandate.Cli.Output;
using Mandate.Core.Agents;
using Mandate.Core.Audit;
using Mandate.Core.Errors;
using Mandate.Core.Mandates;
using Mandate.Core.Storage;
using Mandate.Core.Svid;
using Mandate.Storage.Sqlite;

namespace Mandate.Cli.Hooks;

/// <summary>
/// A session's start and end, for every hook program (the small <c>mandate-hook</c> passes them on to
/// <c>mandate hook</c>): they grant and revoke the session's mandate and sweep leases at their providers,
/// which needs the credential broker a tool call never does.
/// </summary>
internal sealed class SessionEvents
{
    private readonly CliContext _ctx;
    private readonly HookEvent _event;
    private readonly string _project;
    private readonly string _dialect;

    private SessionEvents(CliContext ctx, HookEvent hookEvent)
    {
        _ctx = ctx;
        _event = hookEvent;
        _dialect = HookDialects.Name(hookEvent.Dialect);
        _project = ProjectRoot.Find(hookEvent.Cwd);
    }

    /// <summary>The host of <c>mandate hook</c>: the SQLite store, and session events handled here.</summary>
    public static HookHost Host { get; } = new()
    {
        Usage = "usage: mandate hook <claude-code|cursor|gemini|copilot|codex>",
        OpenStore = SqliteStore.Open,
        Session = (e, _, home) =>
        {
            using var ctx = new CliContext(new CliOutput(false, TextWriter.Null, TextWriter.Null), home, TimeProvider.System);
            var events = new SessionEvents(ctx, e);
            return e.Kind == HookEventKind.SessionStart
                ? events.Swept(events.Recorded(events.StartSession()), ended: false)
                : events.Swept(events.Recorded(events.EndSession()), ended: true);
        },
    };

    /// <summary>
    /// Opens a Mandate session. With a project default task (and no mandate given to the process), the
    /// agent gets a session X.509-SVID and a mandate granted from the default on the developer's behalf,
    /// bound to that SVID. Both are audited by the services that issue them.
    /// </summary>
    private AuditRecord StartSession()
    {
        var settings = _ctx.Settings.Value;
        var principal = HookSessions.AgentSpiffeId(settings.TrustDomain, _dialect, _project);
        var session = new HookSession
        {
            Dialect = _dialect,
            SessionId = _event.SessionId,
            Principal = principal,
            Project = _project,
            StartedAt = _ctx.Time.GetUtcNow(),
        };
        var record = HookHandler.EventRecord(_ctx.HomeContext, _event, _project);
        var task = MandateToken.InEnvironment ? Outcome<ProjectTask?>.Success(null) : ProjectTask.LoadDefault(_project);
        if (task is { IsSuccess: true, Value: { } defaults } && _event.SessionId.Length > 0)
        {
            var granted = Grant(defaults, principal);
            if (!granted.IsSuccess)
            {
                throw new StoreException($"The session's default mandate could not be granted: {granted.Error.Code} {granted.Error.Message}");
            }

            session = session with
            {
                Principal = granted.Value.Svid.SpiffeId,
                Token = granted.Value.Token,
                Jti = granted.Value.Jti,
                CertificatePem = granted.Value.Svid.CertificatePem,
                Verified = granted.Value.Verified,
            };
            record = record with { Mandate = granted.Value.Jti };
        }
        else if (!task.IsSuccess)
        {
            throw new StoreException($"{task.Error.Code} {task.Error.Message}");
        }

        if (_event.SessionId.Length > 0)
        {
            HookSessions.Save(_ctx.Home, session);
        }

        return record with { Actor = record.Actor with { Id = session.Principal } };
    }

    private AuditRecord EndSession()
    {
        var record = HookHandler.EventRecord(_ctx.HomeContext, _event, _project);
        if (HookSessions.Load(_ctx.Home, _dialect, _event.SessionId) is { } session)
        {
            HookSessions.Save(_ctx.Home, session with { EndedAt = _ctx.Time.GetUtcNow(), Token = null });
            if (session.Jti is { } jti && MandateCli.Service(_ctx) is { IsSuccess: true } service)
            {
                service.Value.Revoke(new MandateFilter { Jti = jti }, "session ended", _ctx.Actor);
            }
        }

        return record;
    }

    private Outcome<(X509Svid Svid, string Token, string Jti, VerifiedMandate Verified)> Grant(ProjectTask task, string agentSpiffeId)
    {
        var settings = _ctx.Settings.Value;
        if (string.IsNullOrEmpty(settings.UserEmail))
        {
            return new MandateError(ErrorCodes.ConfigInvalid, "user.email is not set, so no mandate can be granted on your behalf.", "Run 'mandate config set user.email <you@example.com>'.");
        }

        var agents = _ctx.Agents();
        var authority = _ctx.Authority;
        if (!agents.IsSuccess || !authority.IsSuccess)
        {
            return agents.IsSuccess ? authority.Error! : agents.Error!;
        }

        var actor = "user:" + settings.UserEmail;
        var agent = agents.Value.FindActive(agentSpiffeId);
        if (!agent.IsSuccess)
        {
            agent = agents.Value.Register(
                new AgentRegistration { Type = _dialect, Project = HookSessions.ProjectName(_project), Sponsor = settings.UserEmail, Model = _event.Model },
                actor);
            if (!agent.IsSuccess)
            {
                return agent.Error;
            }
        }

        var svids = new AgentSvids(agents.Value, new SvidIssuer(authority.Value, _ctx.Time), _ctx.Store.Audit, settings, _ctx.Time);
        var svid = svids.IssueX509(agent.Value.Id.Value, HookSessions.Segment(_event.SessionId), null, actor);
        if (!svid.IsSuccess)
        {
            return svid.Error;
        }

        using var certificate = X509Certificate2.CreateFromPem(svid.Value.CertificatePem);
        var service = MandateCli.Service(_ctx);
        var issued = service.IsSuccess
            ? service.Value.Grant(
                new GrantRequest
                {
                    HumanEmail = settings.UserEmail,
                    Agent = agent.Value.Id.Value,
                    Title = task.Title,
                    Purpose = task.Purpose,
                    Scope = task.Scope,
                    Ttl = task.Ttl,
                    MaxDepth = 1,
                    Ask = task.Ask,
                    BindCertificate = certificate.RawData,
                },
                actor)
            : service.Error;
        if (!issued.IsSuccess)
        {
            return issued.Error;
        }

        var c = issued.Value.Claims;
        var verified = new VerifiedMandate(c.Jti, c.Scope.ToString(), c.Constraints.Ask.ToString(), c.HumanEmail, c.Task.Id, c.Task.Purpose, c.ExpiresAt);
        return (svid.Value, issued.Value.Token, c.Jti, verified);
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
}
