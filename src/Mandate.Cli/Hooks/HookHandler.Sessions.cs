using System.Security.Cryptography.X509Certificates;
using Mandate.Cli.Commands;
using Mandate.Core.Agents;
using Mandate.Core.Audit;
using Mandate.Core.Errors;
using Mandate.Core.Mandates;
using Mandate.Core.Storage;
using Mandate.Core.Svid;

namespace Mandate.Cli.Hooks;

internal sealed partial class HookHandler
{
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
        var record = RecordEvent();
        var fromEnvironment = Environment.GetEnvironmentVariable(MandateCli.TokenVariable) is { Length: > 0 }
            || Environment.GetEnvironmentVariable(MandateCli.TokenFileVariable) is { Length: > 0 };
        var task = fromEnvironment ? Outcome<ProjectTask?>.Success(null) : ProjectTask.LoadDefault(_project);
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
        var record = RecordEvent();
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
}
