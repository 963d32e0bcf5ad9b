using System.Text;
using Mandate.Core.Errors;
using Mandate.Core.Leases;
using Mandate.Core.Storage;

namespace Mandate.Credentials.Tests.Leases;

public sealed class LeaseServiceTests : IDisposable
{
    private readonly LeaseFixture _f = new();

    [Fact]
    public void Issue_WithinScope_StoresTheLeaseAuditsItAndGivesTheSecretOnlyToTheCaller()
    {
        var mandate = _f.Mandate();

        var issued = _f.Issue(mandate);

        var lease = issued.Lease;
        Assert.Matches("^lse_[0-9a-f]{32}$", lease.Id);
        Assert.Equal("fake", lease.Kind);
        Assert.Equal("fake-server", lease.Provider);
        Assert.Equal("db:connect:postgres/orders/read", lease.Capability);
        Assert.Equal(LeaseFixture.Agent, lease.Actor);
        Assert.Equal("s-1", lease.SessionId);
        Assert.Equal(mandate.Jti, lease.MandateJti);
        Assert.Equal("jane@acme.dev", lease.HumanEmail);
        Assert.Equal(mandate.Task.Id, lease.TaskId);
        Assert.Equal(LeaseFixture.T0, lease.IssuedAt);
        Assert.Equal(LeaseFixture.T0.AddMinutes(15), lease.ExpiresAt);
        Assert.Equal(TimeSpan.FromHours(1), lease.MaxTtl);
        Assert.Equal(lease, _f.Store.Leases.Find(lease.Id)! with { Details = lease.Details });
        Assert.Equal("mandate_" + lease.Id[4..12], _f.Store.Leases.Find(lease.Id)!.Details["role"]);
        var grant = Assert.Single(_f.Provider.Grants);
        Assert.Equal((lease.Id, lease.ExpiresAt, mandate.Jti), (grant.LeaseId, grant.ExpiresAt, grant.MandateJti));

        var password = _f.Provider.Passwords[lease.Id];
        Assert.Equal(password, issued.Secrets["password"]);
        var record = Assert.Single(_f.Records("lease.issue"));
        Assert.Equal("credential", (string?)record["kind"]);
        Assert.Equal(lease.Id, (string?)record["credential"]!["lease_id"]);
        Assert.Equal("fake", (string?)record["credential"]!["kind"]);
        Assert.Equal(LeaseFixture.Agent, (string?)record["actor"]!["id"]);
        Assert.Equal("s-1", (string?)record["actor"]!["session"]);
        Assert.Equal("user:jane@acme.dev", (string?)record["on_behalf_of"]);
        Assert.Equal(mandate.Task.Id, (string?)record["task"]!["id"]);
        Assert.Equal(mandate.Jti, (string?)record["mandate"]);
        Assert.Equal("credential.issue", (string?)record["action"]!["operation"]);
        Assert.Equal("allow", (string?)record["decision"]!["effect"]);
        AssertNowhere(password);
    }

    [Fact]
    public void Issue_WithoutTheScope_IsRefusedNamingTheCapabilityAndAudited()
    {
        var mandate = _f.Mandate("db:connect:postgres/orders/read");

        var refused = _f.Service.Issue(_f.Provider, RecordingProvider.Request("payments"), mandate, LeaseFixture.Agent, null);

        Assert.False(refused.IsSuccess);
        Assert.Equal(ErrorCodes.LeaseNotCovered, refused.Error.Code);
        Assert.Contains("db:connect:postgres/payments/read", refused.Error.Message, StringComparison.Ordinal);
        Assert.Empty(_f.Provider.Calls);
        Assert.Empty(_f.Store.Leases.List(new LeaseFilter()));
        var record = Assert.Single(_f.Records("lease.refuse"));
        Assert.Equal("credential", (string?)record["kind"]);
        Assert.Equal("deny", (string?)record["decision"]!["effect"]);
        Assert.Equal("db:connect:postgres/payments/read", (string?)record["resource"]);
        Assert.Equal(mandate.Jti, (string?)record["mandate"]);
        Assert.Equal("user:jane@acme.dev", (string?)record["on_behalf_of"]);
        Assert.Equal(ErrorCodes.LeaseNotCovered, (string?)record["details"]!["code"]);
        Assert.Matches("^lse_[0-9a-f]{32}$", (string?)record["credential"]!["lease_id"]);
    }

    [Fact]
    public void Issue_AWildcardRequest_IsRefused()
    {
        var refused = _f.Service.Issue(_f.Provider, RecordingProvider.Request("*"), _f.Mandate(), LeaseFixture.Agent, null);

        Assert.Equal(ErrorCodes.LeaseRequestInvalid, refused.Error?.Code);
        Assert.Empty(_f.Provider.Calls);
        Assert.Single(_f.Records("lease.refuse"));
    }

    [Fact]
    public void Issue_TtlIsCappedByTheMandatesExpiry()
    {
        var mandate = _f.Mandate(ttl: TimeSpan.FromMinutes(10));

        var lease = _f.Issue(mandate, TimeSpan.FromMinutes(15)).Lease;

        Assert.Equal(mandate.ExpiresAt, lease.ExpiresAt);
        Assert.Equal(TimeSpan.FromMinutes(10), lease.MaxTtl);
        Assert.Equal(mandate.ExpiresAt, _f.Provider.Grants[0].ExpiresAt);
    }

    [Fact]
    public void Issue_TtlIsCappedByTheProvidersMaximum()
    {
        _f.Provider.MaxTtl = TimeSpan.FromMinutes(30);

        var lease = _f.Issue(_f.Mandate(), TimeSpan.FromHours(3)).Lease;

        Assert.Equal(LeaseFixture.T0.AddMinutes(30), lease.ExpiresAt);
    }

    [Fact]
    public void Issue_UnderAnExpiredMandate_IsRefused()
    {
        var mandate = _f.Mandate(ttl: TimeSpan.FromMinutes(10));
        _f.Time.Advance(TimeSpan.FromMinutes(11));

        var refused = _f.Service.Issue(_f.Provider, RecordingProvider.Request(), mandate, LeaseFixture.Agent, null);

        Assert.Equal(ErrorCodes.LeaseMandateInactive, refused.Error?.Code);
        Assert.Empty(_f.Provider.Calls);
    }

    [Fact]
    public void Renew_IsCappedByTheMaximumTtl_ThenRefusedAndAudited()
    {
        var lease = _f.Issue(_f.Mandate(), TimeSpan.FromMinutes(45)).Lease;
        _f.Time.Advance(TimeSpan.FromMinutes(40));

        var renewed = _f.Service.Renew(lease.Id, TimeSpan.FromMinutes(30), LeaseFixture.Agent);

        Assert.True(renewed.IsSuccess, renewed.Error?.ToString());
        Assert.Equal(LeaseFixture.T0.AddHours(1), renewed.Value.ExpiresAt);
        Assert.Equal(1, renewed.Value.Renewals);
        Assert.Equal(renewed.Value.ExpiresAt, _f.Store.Leases.Find(lease.Id)!.ExpiresAt);
        Assert.Equal(1, _f.Store.Leases.Find(lease.Id)!.Renewals);
        Assert.Contains($"renew {lease.Id} {LeaseFixture.T0.AddHours(1):O}", _f.Provider.Calls);
        Assert.Equal(lease.Id, (string?)Assert.Single(_f.Records("lease.renew"))["credential"]!["lease_id"]);

        var again = _f.Service.Renew(lease.Id, null, LeaseFixture.Agent);

        Assert.Equal(ErrorCodes.LeaseRenewalRefused, again.Error?.Code);
        Assert.Single(_f.Records("lease.renew.refuse"));
    }

    [Fact]
    public void Renew_AnExpiredLease_IsRefused()
    {
        var lease = _f.Issue(_f.Mandate(), TimeSpan.FromMinutes(5)).Lease;
        _f.Time.Advance(TimeSpan.FromMinutes(6));

        Assert.Equal(ErrorCodes.LeaseNotActive, _f.Service.Renew(lease.Id, null, LeaseFixture.Agent).Error?.Code);
        Assert.Equal(ErrorCodes.LeaseNotFound, _f.Service.Renew("lse_" + new string('0', 32), null, LeaseFixture.Agent).Error?.Code);
    }

    [Fact]
    public void Renew_WhenTheProviderCannotExtend_IsRefused()
    {
        var lease = _f.Issue(_f.Mandate()).Lease;
        _f.Provider.CanRenew = false;
        _f.Time.Advance(TimeSpan.FromMinutes(5));

        Assert.Equal(ErrorCodes.LeaseRenewalRefused, _f.Service.Renew(lease.Id, null, LeaseFixture.Agent).Error?.Code);
        Assert.Equal(lease.ExpiresAt, _f.Store.Leases.Find(lease.Id)!.ExpiresAt);
    }

    [Fact]
    public void Revoke_IsIdempotent()
    {
        var lease = _f.Issue(_f.Mandate()).Lease;
        _f.Time.Advance(TimeSpan.FromMinutes(1));

        var first = _f.Service.Revoke(new LeaseFilter { Id = lease.Id }, "task done", "user:jane@acme.dev");
        var second = _f.Service.Revoke(new LeaseFilter { Id = lease.Id }, "task done", "user:jane@acme.dev");

        Assert.Equal(lease.Id, Assert.Single(first.Value).Id);
        Assert.True(second.IsSuccess);
        Assert.Empty(second.Value);
        Assert.Single(_f.Provider.Calls, c => c == "revoke " + lease.Id);
        Assert.DoesNotContain(lease.Id, _f.Provider.Live);
        var stored = _f.Store.Leases.Find(lease.Id)!;
        Assert.Equal((LeaseFixture.T0.AddMinutes(1), "task done"), (stored.RevokedAt, stored.RevocationReason));
        var record = Assert.Single(_f.Records("lease.revoke"));
        Assert.Equal("user:jane@acme.dev", (string?)record["actor"]!["id"]);
        Assert.Equal("task done", (string?)record["details"]!["reason"]);
        Assert.Equal(ErrorCodes.LeaseNotFound, _f.Service.Revoke(new LeaseFilter { Id = "lse_nope" }, "x", "user:jane@acme.dev").Error?.Code);
        Assert.Equal(ErrorCodes.LeaseRequestInvalid, _f.Service.Revoke(new LeaseFilter(), "x", "user:jane@acme.dev").Error?.Code);
    }

    [Fact]
    public void Revoke_ByAgent_EndsTheLeasesOfItsSessionsToo()
    {
        var mandate = _f.Mandate();
        var mine = _f.Service.Issue(_f.Provider, RecordingProvider.Request(), mandate, LeaseFixture.Agent + "/session/s-1", "s-1").Value.Lease;
        var other = _f.Service.Issue(_f.Provider, RecordingProvider.Request(), mandate, LeaseFixture.Agent + "-other", null).Value.Lease;

        var revoked = _f.Service.Revoke(new LeaseFilter { Actor = LeaseFixture.Agent }, "offboarding", "user:jane@acme.dev");

        Assert.Equal(mine.Id, Assert.Single(revoked.Value).Id);
        Assert.Contains(other.Id, _f.Provider.Live);
    }

    [Fact]
    public void Sweep_RevokesExpiredLeasesAtTheProvider()
    {
        var mandate = _f.Mandate();
        var shortLived = _f.Issue(mandate, TimeSpan.FromMinutes(5)).Lease;
        var longLived = _f.Issue(mandate, TimeSpan.FromMinutes(30)).Lease;
        _f.Time.Advance(TimeSpan.FromMinutes(10));

        var swept = _f.Service.Sweep("mandate:sweeper");

        Assert.Equal(shortLived.Id, Assert.Single(swept.Value).Id);
        Assert.DoesNotContain(shortLived.Id, _f.Provider.Live);
        Assert.Contains(longLived.Id, _f.Provider.Live);
        Assert.Equal("expired", _f.Store.Leases.Find(shortLived.Id)!.RevocationReason);
        Assert.Null(_f.Store.Leases.Find(longLived.Id)!.RevokedAt);
        var record = Assert.Single(_f.Records("lease.expire"));
        Assert.Equal(shortLived.Id, (string?)record["credential"]!["lease_id"]);
        Assert.Empty(_f.Service.Sweep("mandate:sweeper").Value);
    }

    [Fact]
    public void Sweep_WhenTheProviderFails_AuditsItAndRetriesNextTime()
    {
        var lease = _f.Issue(_f.Mandate(), TimeSpan.FromMinutes(5)).Lease;
        _f.Time.Advance(TimeSpan.FromMinutes(10));
        _f.Provider.FailRevoke = new MandateError("MDT6099", "the server is down", "start it");

        var failed = _f.Service.Sweep("mandate:sweeper");

        Assert.Equal(ErrorCodes.LeaseProviderFailed, failed.Error?.Code);
        Assert.Contains("the server is down", failed.Error!.Message, StringComparison.Ordinal);
        Assert.Single(_f.Records("lease.expire.fail"));
        Assert.Null(_f.Store.Leases.Find(lease.Id)!.RevokedAt);

        _f.Provider.FailRevoke = null;
        Assert.Equal(lease.Id, Assert.Single(_f.Service.Sweep("mandate:sweeper").Value).Id);
    }

    [Fact]
    public void RevokingTheMandate_RevokesItsLeases_AndNoNewOnesAreIssued()
    {
        var mandate = _f.Mandate();
        var other = _f.Mandate();
        var a = _f.Issue(mandate).Lease;
        var b = _f.Issue(mandate, database: "orders").Lease;
        var kept = _f.Issue(other).Lease;

        var revokedMandates = _f.Store.Mandates.Revoke(new MandateFilter { Jti = mandate.Jti }, _f.Time.GetUtcNow(), "compromised", m => new Core.Audit.AuditRecord
        {
            Time = _f.Time.GetUtcNow(), Kind = Core.Audit.AuditKinds.Lifecycle, Event = "mandate.revoke", Actor = new Core.Audit.AuditActor("user:jane@acme.dev"),
        });
        var revoked = _f.Service.RevokeForMandates([.. revokedMandates.Select(m => m.Jti)], "mandate revoked: compromised", "user:jane@acme.dev");

        Assert.Equal(Sorted(a.Id, b.Id), Sorted([.. revoked.Value.Select(l => l.Id)]));
        Assert.Equal([kept.Id], _f.Provider.Live);
        var refused = _f.Service.Issue(_f.Provider, RecordingProvider.Request(), mandate, LeaseFixture.Agent, null);
        Assert.Equal(ErrorCodes.LeaseMandateInactive, refused.Error?.Code);
    }

    public void Dispose() => _f.Dispose();

    private static string[] Sorted(params string[] ids) => [.. ids.Order(StringComparer.Ordinal)];

    /// <summary>The value is in no audit record and nowhere in the database file (nor its WAL).</summary>
    private void AssertNowhere(string secret)
    {
        Assert.All(_f.Records(), r => Assert.DoesNotContain(secret, r.ToJsonString(), StringComparison.Ordinal));
        var bytes = Encoding.UTF8.GetBytes(secret);
        foreach (var file in Directory.GetFiles(_f.Directory))
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            Assert.True(copy.ToArray().AsSpan().IndexOf(bytes) < 0, $"the secret is in {Path.GetFileName(file)}");
        }
    }
}
