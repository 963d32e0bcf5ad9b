using Mandate.Core.Errors;
using Mandate.Core.Leases;

namespace Mandate.Credentials.Leases;

public sealed partial class LeaseService
{
    /// <summary>
    /// Revokes the unrevoked leases matching <paramref name="filter"/>: at the provider first, then marked with its audit
    /// record. Idempotent: a lease already revoked is left as it is. When a provider fails, the other leases are still
    /// revoked, the failure is audited (<c>lease.revoke.fail</c>), the lease stays unrevoked (so a sweep retries it) and
    /// the result is an error.
    /// </summary>
    public Outcome<IReadOnlyList<Lease>> Revoke(LeaseFilter filter, string reason, string actor)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentException.ThrowIfNullOrEmpty(actor);
        if (filter.Id is null && filter.TaskId is null && filter.Actor is null && filter.MandateJti is null && filter.SessionId is null)
        {
            return new MandateError(ErrorCodes.LeaseRequestInvalid, "Say which leases to revoke.", "Pass a lease id, --task <id> or --agent <id|SPIFFE ID>.");
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            return new MandateError(ErrorCodes.LeaseRequestInvalid, "A revocation needs a reason.", "Pass --reason \"<why>\"; it is kept in the audit record.");
        }

        if (filter.Id is { } id && _store.Leases.Find(id) is null)
        {
            return NotFound(id);
        }

        return End([.. _store.Leases.List(filter).Where(l => l.RevokedAt is null)], reason, actor, "lease.revoke", "credential.revoke");
    }

    /// <summary>
    /// Revokes every lease issued under the given mandates (after <c>mandate revoke</c>, which cascades to delegated
    /// mandates): a revoked mandate must not leave a working credential behind. Tries them all; the first failure is returned.
    /// </summary>
    public Outcome<IReadOnlyList<Lease>> RevokeForMandates(IReadOnlyCollection<string> jtis, string reason, string actor)
    {
        ArgumentNullException.ThrowIfNull(jtis);
        var ended = new List<Lease>();
        MandateError? failure = null;
        foreach (var jti in jtis.Distinct(StringComparer.Ordinal))
        {
            var revoked = Revoke(new LeaseFilter { MandateJti = jti }, reason, actor);
            if (revoked.IsSuccess)
            {
                ended.AddRange(revoked.Value);
            }
            else
            {
                failure ??= revoked.Error;
            }
        }

        return failure is null ? ended : failure;
    }

    /// <summary>
    /// Revokes, at the provider and then in the store, every lease that has expired and is not revoked yet: an expired
    /// credential may still work at its source (a role, a token) until it is ended there.
    /// </summary>
    public Outcome<IReadOnlyList<Lease>> Sweep(string actor)
    {
        ArgumentException.ThrowIfNullOrEmpty(actor);
        var expired = _store.Leases.List(new LeaseFilter { ExpiredAt = _time.GetUtcNow() });
        return End(expired, "expired", actor, "lease.expire", "credential.expire");
    }

    private Outcome<IReadOnlyList<Lease>> End(IReadOnlyList<Lease> leases, string reason, string actor, string @event, string operation)
    {
        var ended = new List<Lease>(leases.Count);
        var failures = new List<(Lease Lease, MandateError Error)>();
        foreach (var lease in leases)
        {
            var provider = _providerFor(lease);
            var revoked = provider.IsSuccess ? provider.Value.Revoke(lease) : Outcome<bool>.Failure(provider.Error);
            if (!revoked.IsSuccess)
            {
                _store.Audit.Append(Failure(@event + ".fail", lease, actor, operation, revoked.Error));
                failures.Add((lease, revoked.Error));
                continue;
            }

            var at = _time.GetUtcNow();
            var record = Record(@event, lease, actor, operation, "revoked", null) with { Details = Details(lease, ("reason", reason)) };
            if (_store.Leases.MarkRevoked(lease.Id, at, reason, record))
            {
                ended.Add(lease with { RevokedAt = at, RevocationReason = reason });
            }
        }

        if (failures.Count > 0)
        {
            var (lease, error) = failures[0];
            return new MandateError(
                ErrorCodes.LeaseProviderFailed,
                $"{failures.Count} of {leases.Count} lease(s) could not be revoked at their provider ({ended.Count} were); first, {lease.Id} ({lease.Kind} {lease.Provider}): {error.Code} {error.Message}",
                "Fix the provider (is it reachable? is it still registered?), then run 'mandate lease sweep' or 'mandate lease revoke' again; those leases stay unrevoked until then.");
        }

        return ended;
    }
}
