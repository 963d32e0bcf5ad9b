using System.Globalization;
using Mandate.Core.Errors;
using Mandate.Core.Leases;

namespace Mandate.Credentials.Leases;

public sealed partial class LeaseService
{
    /// <summary>
    /// Extends an active lease by <paramref name="ttl"/> (default: its own TTL) from now, never past its issue time plus
    /// its maximum TTL (which already stops at its mandate's expiry), at the provider first. A lease whose mandate was
    /// revoked is not renewed. Refusals are audited.
    /// </summary>
    public Outcome<Lease> Renew(string leaseId, TimeSpan? ttl, string actor)
    {
        ArgumentException.ThrowIfNullOrEmpty(actor);
        if (ttl is { } asked && asked <= TimeSpan.Zero)
        {
            return new MandateError(ErrorCodes.LeaseRequestInvalid, "The renewal TTL must be positive.", "Pass --ttl with a duration such as 15m, or leave it out (the lease's own TTL).");
        }

        var lease = _store.Leases.Find(leaseId);
        if (lease is null)
        {
            return NotFound(leaseId);
        }

        var now = _time.GetUtcNow();
        var limit = lease.IssuedAt + lease.MaxTtl;
        var expires = Min(now + (ttl ?? lease.Ttl), limit);
        MandateError? refusal = null;
        if (!lease.IsActiveAt(now))
        {
            refusal = new MandateError(
                ErrorCodes.LeaseNotActive,
                lease.RevokedAt is { } at ? $"Lease {lease.Id} was revoked at {at:u}." : $"Lease {lease.Id} expired at {lease.ExpiresAt:u}.",
                "Ask for a new credential; an ended lease cannot be renewed.");
        }
        else if (_store.Mandates.IsRevoked(lease.MandateJti))
        {
            refusal = new MandateError(ErrorCodes.LeaseMandateInactive, $"The mandate {lease.MandateJti} of lease {lease.Id} is revoked.", "Ask for a new mandate; revoke the lease with 'mandate lease revoke'.");
        }
        else if (expires <= lease.ExpiresAt)
        {
            refusal = new MandateError(
                ErrorCodes.LeaseRenewalRefused,
                $"Lease {lease.Id} is already valid until {lease.ExpiresAt:u} and can live until {limit:u} at most (its maximum TTL, or its mandate's expiry).",
                "Ask for a new credential when it ends.");
        }

        if (refusal is not null)
        {
            return RefuseRenewal(lease, actor, refusal);
        }

        var provider = _providerFor(lease);
        var extended = provider.IsSuccess ? provider.Value.Renew(lease, expires) : provider.Error;
        if (!extended.IsSuccess)
        {
            _store.Audit.Append(Failure("lease.renew.fail", lease, actor, "credential.renew", extended.Error));
            return extended.Error;
        }

        if (!extended.Value)
        {
            return RefuseRenewal(lease, actor, new MandateError(
                ErrorCodes.LeaseRenewalRefused,
                $"A {lease.Kind} credential cannot be extended at its source.",
                "Ask for a new credential when this one ends."));
        }

        var record = Record("lease.renew", lease, actor, "credential.renew", "renewed", null) with
        {
            Details = Details(lease, ("expires_at", Format(expires)), ("previous_expires_at", Format(lease.ExpiresAt)), ("renewals", (lease.Renewals + 1).ToString(CultureInfo.InvariantCulture))),
        };
        if (!_store.Leases.Renew(lease.Id, expires, record))
        {
            // Revoked or expired between the check and the write.
            return RefuseRenewal(lease, actor, new MandateError(ErrorCodes.LeaseNotActive, $"Lease {lease.Id} ended while it was being renewed.", "Ask for a new credential."));
        }

        return lease with { ExpiresAt = expires, Renewals = lease.Renewals + 1 };
    }

    private MandateError RefuseRenewal(Lease lease, string actor, MandateError error)
    {
        _store.Audit.Append(Record("lease.renew.refuse", lease, actor, "credential.renew", "refused", null) with
        {
            Details = Details(lease, ("code", error.Code), ("reason", error.Message)),
        });
        return error;
    }

    private static MandateError NotFound(string leaseId) => new(
        ErrorCodes.LeaseNotFound,
        $"No lease '{(leaseId.Length > 40 ? leaseId[..40] + "…" : leaseId)}'.",
        "List leases with 'mandate lease list'.");

    private static string Format(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
