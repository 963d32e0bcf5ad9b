using Mandate.Core.Errors;
using Mandate.Core.Leases;

namespace Mandate.Credentials.Leases;

/// <summary>
/// Issues and revokes one kind of credential at its source. LeaseService does everything else:
/// the mandate check, the lease record, the audit, expiry and sweeping.
/// </summary>
public interface ILeaseProvider
{
    /// <summary>postgres, ssh, github, aws, secret.</summary>
    string Kind { get; }

    /// <summary>
    /// The longest a lease of this provider may live, renewals included: LeaseService caps every TTL by it
    /// (and by the mandate's expiry). One hour unless the provider says otherwise.
    /// </summary>
    TimeSpan MaxTtl => LeaseService.DefaultMaxTtl;

    /// <summary>The capability a mandate must cover for this request, e.g. <c>db:connect:postgres/orders/read</c>.</summary>
    string Capability(LeaseRequest request);

    /// <summary>Creates the credential at the source, valid until <paramref name="grant"/>.ExpiresAt at most.</summary>
    Outcome<IssuedCredential> Issue(LeaseRequest request, LeaseGrant grant);

    /// <summary>Extends the credential at the source, when the kind allows it (a role's VALID UNTIL); false when it cannot be extended.</summary>
    Outcome<bool> Renew(Lease lease, DateTimeOffset expiresAt);

    /// <summary>Ends the credential at the source (drop the role and kill its sessions, revoke the token…). Idempotent.</summary>
    Outcome<bool> Revoke(Lease lease);
}
