using System.Security.Cryptography;
using Mandate.Core.Leases;
using Mandate.Credentials.Leases;
using Mandate.Credentials.Postgres;

namespace Mandate.Credentials.Tests.Postgres;

/// <summary>Builds providers, grants and lease records for the PostgreSQL tests.</summary>
internal static class PostgresLeases
{
    public static PostgresProvider Provider(PostgresServer server, IReadOnlyDictionary<string, string>? templates = null, Func<string>? password = null)
    {
        var config = new PostgresProviderConfig("orders-db", server.AdminConnectionString, templates ?? new Dictionary<string, string>());
        var created = password is null ? PostgresProvider.Create(config) : PostgresProvider.Create(config, password);
        Assert.True(created.IsSuccess, created.Error?.ToString());
        return created.Value;
    }

    public static string NewLeaseId() => "lse_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    public static LeaseRequest Request(string access, string database = PostgresServer.Database) => new()
    {
        Provider = "orders-db",
        Parameters = new Dictionary<string, string> { ["database"] = database, ["access"] = access },
    };

    public static LeaseGrant Grant(DateTimeOffset now, TimeSpan ttl, string? leaseId = null) =>
        new(leaseId ?? NewLeaseId(), "spiffe://acme.dev/agent/claude-code/webapp", "jane@acme.dev", "task-1", "mdt_1", now, now + ttl);

    public static Lease Lease(LeaseGrant grant, IssuedCredential issued, string capability) => new()
    {
        Id = grant.LeaseId, Kind = "postgres", Provider = "orders-db", Capability = capability, Actor = grant.Actor,
        MandateJti = grant.MandateJti, HumanEmail = grant.HumanEmail, TaskId = grant.TaskId, IssuedAt = grant.IssuedAt,
        ExpiresAt = grant.ExpiresAt, Ttl = grant.ExpiresAt - grant.IssuedAt, MaxTtl = TimeSpan.FromHours(1), Details = issued.Details,
    };
}
