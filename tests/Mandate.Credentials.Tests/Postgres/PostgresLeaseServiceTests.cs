using System.Text;
using Mandate.Core.Errors;
using Mandate.Core.Leases;
using Mandate.Credentials.Leases;
using Mandate.Credentials.Tests.Leases;

namespace Mandate.Credentials.Tests.Postgres;

/// <summary>The PostgreSQL provider behind the lease service: a fake clock drives expiry, the real server does the rest.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresLeaseServiceTests(PostgresServer server) : IDisposable
{
    private readonly LeaseFixture _f = StartedNow();

    [Fact]
    public async Task Sweep_DrivenByAFakeClock_DropsTheExpiredRoleAtTheServer_AndNothingEarlier()
    {
        using var provider = PostgresLeases.Provider(server);
        var service = new LeaseService(_f.Store, _ => provider, _f.Time);
        var issued = service.Issue(provider, PostgresLeases.Request("read") with { Ttl = TimeSpan.FromMinutes(10) },
            _f.Mandate("db:connect:postgres/orders/read"), LeaseFixture.Agent, "s-1");
        Assert.True(issued.IsSuccess, issued.Error?.ToString());
        var lease = issued.Value.Lease;
        var user = lease.Details["username"];
        var password = issued.Value.Secrets["password"];
        Assert.Equal(0, (await Psql.RunAsync(server, user, password, "orders", "SELECT 1")).ExitCode);

        _f.Time.Advance(TimeSpan.FromMinutes(9));
        Assert.Empty(service.Sweep("mandate:sweep").Value);
        Assert.True(await server.RoleExistsAsync(user));

        _f.Time.Advance(TimeSpan.FromMinutes(2));
        var swept = service.Sweep("mandate:sweep");

        Assert.True(swept.IsSuccess, swept.Error?.ToString());
        Assert.Equal(lease.Id, Assert.Single(swept.Value).Id);
        Assert.False(await server.RoleExistsAsync(user));
        Assert.NotEqual(0, (await Psql.RunAsync(server, user, password, "orders", "SELECT 1")).ExitCode);
        Assert.Equal("expired", _f.Store.Leases.Find(lease.Id)!.RevocationReason);
        Assert.Single(_f.Records("lease.expire"));
        AssertNowhere(password);
    }

    [Fact]
    public async Task RevokingTheMandate_DropsItsRoles()
    {
        using var provider = PostgresLeases.Provider(server);
        var service = new LeaseService(_f.Store, _ => provider, _f.Time);
        var mandate = _f.Mandate("db:connect:postgres/orders/*");
        var read = service.Issue(provider, PostgresLeases.Request("read"), mandate, LeaseFixture.Agent, "s-1").Value;
        var write = service.Issue(provider, PostgresLeases.Request("write"), mandate, LeaseFixture.Agent, "s-1").Value;

        var revoked = service.RevokeForMandates([mandate.Jti], "mandate revoked: task done", "user:jane@acme.dev");

        Assert.True(revoked.IsSuccess, revoked.Error?.ToString());
        Assert.Equal(2, revoked.Value.Count);
        Assert.False(await server.RoleExistsAsync(read.Lease.Details["username"]));
        Assert.False(await server.RoleExistsAsync(write.Lease.Details["username"]));
    }

    [Fact]
    public async Task WithoutTheScope_NoRoleIsCreated_AndTheRefusalIsAudited()
    {
        using var provider = PostgresLeases.Provider(server);
        var service = new LeaseService(_f.Store, _ => provider, _f.Time);
        var before = await server.ScalarAsync("SELECT count(*) FROM pg_roles WHERE rolname LIKE 'mandate\\_%'");

        var refused = service.Issue(provider, PostgresLeases.Request("write"), _f.Mandate("db:connect:postgres/orders/read"), LeaseFixture.Agent, "s-1");

        Assert.Equal(ErrorCodes.LeaseNotCovered, refused.Error?.Code);
        Assert.Contains("db:connect:postgres/orders/write", refused.Error!.Message, StringComparison.Ordinal);
        Assert.Equal(before, await server.ScalarAsync("SELECT count(*) FROM pg_roles WHERE rolname LIKE 'mandate\\_%'"));
        Assert.Single(_f.Records("lease.refuse"));
    }

    [Fact]
    public async Task Renew_ThroughTheService_MovesValidUntil()
    {
        using var provider = PostgresLeases.Provider(server);
        var service = new LeaseService(_f.Store, _ => provider, _f.Time);
        var issued = service.Issue(provider, PostgresLeases.Request("read") with { Ttl = TimeSpan.FromMinutes(5) },
            _f.Mandate("db:connect:postgres/orders/read"), LeaseFixture.Agent, "s-1").Value;
        var user = issued.Lease.Details["username"];
        _f.Time.Advance(TimeSpan.FromMinutes(4));

        var renewed = service.Renew(issued.Lease.Id, TimeSpan.FromMinutes(10), "user:jane@acme.dev");

        Assert.True(renewed.IsSuccess, renewed.Error?.ToString());
        var validUntil = (DateTime)(await server.ScalarAsync("SELECT rolvaliduntil FROM pg_roles WHERE rolname = $1", "postgres", user))!;
        Assert.Equal(renewed.Value.ExpiresAt.ToUnixTimeSeconds(), new DateTimeOffset(validUntil.ToUniversalTime()).ToUnixTimeSeconds());
        Assert.True(service.Revoke(new LeaseFilter { Id = issued.Lease.Id }, "done", "user:jane@acme.dev").IsSuccess);
    }

    public void Dispose() => _f.Dispose();

    /// <summary>The fixture's fake clock set to the real time, so that VALID UNTIL means the same to the server.</summary>
    private static LeaseFixture StartedNow()
    {
        var f = new LeaseFixture();
        f.Time.SetUtcNow(TimeProvider.System.GetUtcNow());
        return f;
    }

    private void AssertNowhere(string secret)
    {
        Assert.DoesNotContain(secret, string.Concat(_f.Records().Select(r => r.ToJsonString())), StringComparison.Ordinal);
        var database = Encoding.UTF8.GetString(File.ReadAllBytes(_f.DatabasePath)) +
            (File.Exists(_f.DatabasePath + "-wal") ? Encoding.Latin1.GetString(File.ReadAllBytes(_f.DatabasePath + "-wal")) : "");
        Assert.DoesNotContain(secret, database, StringComparison.Ordinal);
    }
}
