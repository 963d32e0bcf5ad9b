using Mandate.Core.Errors;
using Mandate.Core.Leases;
using Mandate.Credentials.Leases;

namespace Mandate.Credentials.Tests.Leases;

/// <summary>A provider that records every call and hands out a fresh random password per lease; it can be told to fail.</summary>
internal sealed class RecordingProvider : ILeaseProvider
{
    public List<string> Calls { get; } = [];

    public List<LeaseGrant> Grants { get; } = [];

    public Dictionary<string, string> Passwords { get; } = new(StringComparer.Ordinal);

    public HashSet<string> Live { get; } = new(StringComparer.Ordinal);

    public MandateError? FailRevoke { get; set; }

    public bool CanRenew { get; set; } = true;

    public string Kind => "fake";

    public TimeSpan MaxTtl { get; set; } = TimeSpan.FromHours(1);

    public static LeaseRequest Request(string database = "orders", TimeSpan? ttl = null) => new()
    {
        Provider = "fake-server",
        Parameters = new Dictionary<string, string> { ["database"] = database, ["access"] = "read" },
        Ttl = ttl,
    };

    public string Capability(LeaseRequest request) => $"db:connect:postgres/{request.Parameters["database"]}/{request.Parameters["access"]}";

    public Outcome<IssuedCredential> Issue(LeaseRequest request, LeaseGrant grant)
    {
        Calls.Add("issue " + grant.LeaseId);
        Grants.Add(grant);
        var password = "pw-" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
        Passwords[grant.LeaseId] = password;
        Live.Add(grant.LeaseId);
        return new IssuedCredential(
            new Dictionary<string, string> { ["role"] = "mandate_" + grant.LeaseId[4..12] },
            new Dictionary<string, string> { ["password"] = password });
    }

    public Outcome<bool> Renew(Lease lease, DateTimeOffset expiresAt)
    {
        Calls.Add($"renew {lease.Id} {expiresAt:O}");
        return CanRenew;
    }

    public Outcome<bool> Revoke(Lease lease)
    {
        Calls.Add("revoke " + lease.Id);
        if (FailRevoke is { } error)
        {
            return error;
        }

        return Live.Remove(lease.Id);
    }
}
