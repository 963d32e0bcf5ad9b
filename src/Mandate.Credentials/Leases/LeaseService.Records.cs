using System.Globalization;
using Mandate.Core.Audit;
using Mandate.Core.Errors;
using Mandate.Core.Leases;

namespace Mandate.Credentials.Leases;

public sealed partial class LeaseService
{
    /// <summary>The policy a credential decision names: the mandate's scope is the only permit (ADR 0006).</summary>
    private const string ScopePolicy = "mandate.scope";

    private AuditRecord Issued(Lease lease, string actor, string? purpose) => Record("lease.issue", lease, actor, "credential.issue", "issued", purpose) with
    {
        Decision = new AuditDecision("allow", [ScopePolicy], $"the mandate allows {lease.Capability}"),
    };

    private AuditRecord Refusal(Lease draft, string actor, string? purpose, MandateError error, IReadOnlyList<string>? policies = null) => Record("lease.refuse", draft, actor, "credential.issue", "refused", purpose) with
    {
        Decision = new AuditDecision("deny", policies ?? [ScopePolicy], error.Message),
        Details = Details(draft, ("code", error.Code), ("reason", error.Message)),
    };

    private AuditRecord Failure(string @event, Lease lease, string actor, string operation, MandateError error) => Record(@event, lease, actor, operation, "failed", null) with
    {
        Details = Details(lease, ("code", error.Code), ("reason", error.Message)),
    };

    /// <summary>
    /// One credential record: who did it (<paramref name="actor"/>: the agent, or the human or sweeper ending its lease),
    /// for whom, under which task and mandate, which lease; never a secret.
    /// </summary>
    private AuditRecord Record(string @event, Lease lease, string actor, string operation, string outcome, string? purpose) => new()
    {
        Time = _time.GetUtcNow(),
        Kind = AuditKinds.Credential,
        Event = @event,
        Actor = new AuditActor(actor, Session: actor == lease.Actor ? lease.SessionId : null),
        OnBehalfOf = "user:" + lease.HumanEmail,
        Task = new AuditTask(lease.TaskId, purpose),
        Mandate = lease.MandateJti,
        Action = new AuditAction(null, operation, lease.Capability),
        Resource = lease.Capability,
        Credential = new AuditCredential(lease.Id, lease.Kind),
        Outcome = outcome,
        Details = Details(lease),
    };

    private static Dictionary<string, string?> Details(Lease lease, params (string Key, string? Value)[] extra)
    {
        var details = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["provider"] = lease.Provider,
            ["agent"] = lease.Actor,
            ["expires_at"] = lease.ExpiresAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        };
        foreach (var (key, value) in extra)
        {
            details[key] = value;
        }

        return details;
    }
}
