using System.Security.Cryptography;
using System.Text;
using Mandate.Core.Agents;
using Mandate.Core.Audit;
using Mandate.Core.Errors;
using Mandate.Core.Identity;
using Mandate.Core.Storage;

namespace Mandate.Core.Mandates;

/// <summary>
/// Grants, delegates, verifies and revokes mandates for registered agents: signs with the issuer,
/// keeps each mandate (its token's hash only) in the store, and audits every grant, delegation,
/// refusal, failed verification and revocation, naming human, agent, task and mandate.
/// </summary>
public sealed partial class MandateService
{
    private readonly AgentRegistry _agents;
    private readonly MandateIssuer _issuer;
    private readonly MandateVerifier _verifier;
    private readonly IMandateRecordStore _store;
    private readonly IAuditLog _audit;
    private readonly TimeProvider _time;

    public MandateService(AgentRegistry agents, MandateIssuer issuer, MandateVerifier verifier, IMandateRecordStore store, IAuditLog audit, TimeProvider time)
    {
        _agents = agents;
        _issuer = issuer;
        _verifier = verifier;
        _store = store;
        _audit = audit;
        _time = time;
    }

    /// <summary>A human grants an agent a mandate for one task. The task id is made from the title and a random suffix.</summary>
    public Outcome<IssuedMandate> Grant(GrantRequest request, string actor)
    {
        ArgumentNullException.ThrowIfNull(request);
        var human = request.HumanEmail;
        if (string.IsNullOrWhiteSpace(human))
        {
            return Refuse("mandate.grant.refuse", actor, request.Agent, null, new MandateError(
                ErrorCodes.MandateRequestInvalid,
                "No human is configured to grant mandates on this machine.",
                "Set yourself once: mandate config set user.email you@acme.dev"), title: request.Title);
        }

        if (string.IsNullOrWhiteSpace(request.Title))
        {
            // The title becomes the task id every audit record names; an empty one would read "task-3f2a9c".
            return Refuse("mandate.grant.refuse", actor, request.Agent, human, new MandateError(
                ErrorCodes.MandateRequestInvalid,
                "The task title is empty.",
                "Pass --task \"<a short title>\", e.g. --task \"fix flaky tests\"."));
        }

        var agent = _agents.FindActive(request.Agent);
        var scope = agent.IsSuccess ? Scope.Parse(request.Scope) : agent.Error;
        var ask = scope.IsSuccess ? Scope.Parse(request.Ask ?? "", allowEmpty: true) : scope.Error;
        var spiffeId = ask.IsSuccess ? SpiffeId.Parse(agent.Value.SpiffeId) : ask.Error;
        if (!spiffeId.IsSuccess)
        {
            return Refuse("mandate.grant.refuse", actor, request.Agent, human, spiffeId.Error, title: request.Title);
        }

        if (CheckBinding(request.BindCertificate, spiffeId.Value) is { } bindError)
        {
            return Refuse("mandate.grant.refuse", actor, request.Agent, human, bindError, title: request.Title);
        }

        var taskId = TaskId(request.Title);
        var issued = _issuer.Grant(new MandateGrant
        {
            HumanEmail = human,
            Agent = spiffeId.Value,
            TaskId = taskId,
            Purpose = request.Purpose,
            Scope = scope.Value,
            Ttl = request.Ttl,
            MaxDepth = request.MaxDepth,
            Ask = ask.Value,
            Audience = request.Audience,
            PresenterCertificate = request.BindCertificate,
        });
        if (!issued.IsSuccess)
        {
            return Refuse("mandate.grant.refuse", actor, request.Agent, human, issued.Error, title: request.Title);
        }

        Store(issued.Value, null, agent.Value, actor, "mandate.grant", request.Title);
        return issued;
    }

    /// <summary>An agent passes part of its mandate on to a sub-agent.</summary>
    public Outcome<IssuedMandate> Delegate(string parentToken, DelegateRequest request, string actor)
    {
        ArgumentNullException.ThrowIfNull(request);
        // A bound parent stays bound: only a presenter whose SVID matches its cnf may pass it on.
        var parent = _verifier.Verify(parentToken, new MandateVerificationOptions { PresenterCertificate = request.Presenter });
        if (!parent.IsValid)
        {
            return Refuse("mandate.delegate.refuse", actor, request.To, null, parent.Error, known: Issued(parentToken));
        }

        var claims = parent.Claims;
        var to = _agents.FindActive(request.To);
        var scope = to.IsSuccess ? Scope.Parse(request.Scope) : to.Error;
        var spiffeId = scope.IsSuccess ? SpiffeId.Parse(to.Value.SpiffeId) : scope.Error;
        if (!spiffeId.IsSuccess)
        {
            return Refuse("mandate.delegate.refuse", actor, request.To, claims.HumanEmail, spiffeId.Error, claims);
        }

        if (CheckBinding(request.BindCertificate, spiffeId.Value) is { } bindError)
        {
            return Refuse("mandate.delegate.refuse", actor, request.To, claims.HumanEmail, bindError, claims);
        }

        var issued = _issuer.Delegate(claims, new MandateDelegation
        {
            To = spiffeId.Value,
            Scope = scope.Value,
            Ttl = request.Ttl,
            Purpose = request.Purpose,
            PresenterCertificate = request.BindCertificate,
        });
        if (!issued.IsSuccess)
        {
            return Refuse("mandate.delegate.refuse", actor, request.To, claims.HumanEmail, issued.Error, claims);
        }

        Store(issued.Value, claims.Jti, to.Value, actor, "mandate.delegate", null);
        return issued;
    }

    public IReadOnlyList<MandateRecord> List(MandateFilter filter) => _store.List(filter);

    private void Store(IssuedMandate issued, string? parentJti, Agent agent, string actor, string type, string? title)
    {
        var c = issued.Claims;
        var record = new MandateRecord
        {
            Jti = c.Jti,
            ParentJti = parentJti,
            Actor = c.Actor,
            AgentId = agent.Id.Value,
            HumanEmail = c.HumanEmail,
            TaskId = c.Task.Id,
            Purpose = c.Task.Purpose,
            Scope = c.Scope.ToString(),
            Depth = c.Depth,
            IssuedAt = c.IssuedAt,
            ExpiresAt = c.ExpiresAt,
            TokenSha256 = TokenHash(issued.Token),
        };
        _store.Add(record, Record(type, actor, record, agent, c) with
        {
            Outcome = "issued",
            Details = new Dictionary<string, string?>
            {
                ["scope"] = record.Scope,
                ["expires_at"] = record.ExpiresAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
                ["parent"] = parentJti,
                ["depth"] = record.Depth.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["title"] = title,
                ["bound"] = c.Thumbprint is null ? "false" : "true",
                ["os_user"] = Environment.UserName,
            },
        });
    }

    /// <summary>
    /// Audits a refusal; a refused grant has no task id yet, so its title is kept to name the task. A
    /// parent that failed verification but is a token this domain issued (<paramref name="known"/>) names its human, task and mandate.
    /// </summary>
    private MandateError Refuse(string type, string actor, string target, string? human, MandateError error, MandateClaims? parent = null, string? title = null, MandateRecord? known = null)
    {
        human ??= known?.HumanEmail;
        var record = Record(type, actor, known, null, parent);
        _audit.Append(record with
        {
            OnBehalfOf = human is null ? null : "user:" + human,
            Task = record.Task ?? (known is null ? null : new AuditTask(known.TaskId, known.Purpose)),
            Resource = target,
            Outcome = "refused",
            Details = new Dictionary<string, string?> { ["code"] = error.Code, ["reason"] = error.Message, ["title"] = title },
        });
        return error;
    }

    private AuditRecord Record(string type, string actor, MandateRecord? m, Agent? agent, MandateClaims? c) => new()
    {
        Time = _time.GetUtcNow(),
        Kind = AuditKinds.Lifecycle,
        Event = type,
        Actor = new AuditActor(actor),
        OnBehalfOf = m is null ? null : "user:" + m.HumanEmail,
        Task = c is null ? null : new AuditTask(c.Task.Id, c.Task.Purpose),
        Mandate = m?.Jti ?? c?.Jti,
        Resource = agent?.SpiffeId,
    };

    /// <summary>A readable, unique task id: the title as a slug and 6 random hex digits, e.g. <c>refactor-auth-3f2a9c</c>.</summary>
    private static string TaskId(string title)
    {
        var slug = new StringBuilder();
        foreach (var ch in title.ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(ch))
            {
                slug.Append(ch);
            }
            else if (slug.Length > 0 && slug[^1] != '-')
            {
                slug.Append('-');
            }

            if (slug.Length >= 40)
            {
                break;
            }
        }

        var head = slug.ToString().Trim('-');
        return (head.Length == 0 ? "task" : head) + "-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3));
    }
}
