using System.Text.Json.Nodes;
using Mandate.Core.Audit;
using Mandate.Core.Identity;
using Mandate.Core.Jose;
using Mandate.Core.Mandates;
using Mandate.Core.Storage;
using Mandate.Credentials.Leases;
using Mandate.Storage.Sqlite;
using Microsoft.Extensions.Time.Testing;

namespace Mandate.Credentials.Tests.Leases;

/// <summary>A real SQLite store in a temporary folder, a fake clock, keys generated for the test, and a recording provider.</summary>
internal sealed class LeaseFixture : IDisposable
{
    public const string Agent = "spiffe://acme.dev/agent/claude-code/webapp";
    public static readonly DateTimeOffset T0 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly SigningKey _key = SigningKey.Generate();
    private readonly AuditKeys _keys = AuditKeys.Ephemeral("acme.dev");

    public LeaseFixture()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("mandate-leases-").FullName;
        DatabasePath = Path.Combine(Directory, "mandate.db");
        Store = SqliteStore.Open(DatabasePath, _keys, Time);
        Service = new LeaseService(Store, _ => Provider, Time);
    }

    public string Directory { get; }

    public string DatabasePath { get; }

    public FakeTimeProvider Time { get; } = new(T0);

    public SqliteStore Store { get; }

    public RecordingProvider Provider { get; } = new();

    public LeaseService Service { get; }

    /// <summary>A mandate granted to <see cref="Agent"/> and kept in the store (as 'mandate grant' does), so it can be revoked.</summary>
    public MandateClaims Mandate(string scope = "db:connect:postgres/orders/* fs:read:/src/**", TimeSpan? ttl = null)
    {
        var issuer = new MandateIssuer(_key, TrustDomain.Parse("acme.dev").Value, Time);
        var issued = issuer.Grant(new MandateGrant
        {
            HumanEmail = "jane@acme.dev",
            Agent = SpiffeId.Parse(Agent).Value,
            TaskId = "orders-report-1a2b",
            Purpose = "monthly orders report",
            Scope = Scope.Parse(scope).Value,
            Ttl = ttl ?? TimeSpan.FromHours(2),
        });
        Assert.True(issued.IsSuccess, issued.Error?.ToString());
        var c = issued.Value.Claims;
        Store.Mandates.Add(
            new MandateRecord
            {
                Jti = c.Jti, Actor = c.Actor, HumanEmail = c.HumanEmail, TaskId = c.Task.Id, Purpose = c.Task.Purpose, Scope = c.Scope.ToString(),
                Depth = 0, IssuedAt = c.IssuedAt, ExpiresAt = c.ExpiresAt, TokenSha256 = "00",
            },
            new AuditRecord { Time = Time.GetUtcNow(), Kind = AuditKinds.Lifecycle, Event = "mandate.grant", Actor = new AuditActor("user:jane@acme.dev") });
        return c;
    }

    public IssuedLease Issue(MandateClaims mandate, TimeSpan? ttl = null, string database = "orders")
    {
        var issued = Service.Issue(Provider, RecordingProvider.Request(database, ttl), mandate, Agent, "s-1");
        Assert.True(issued.IsSuccess, issued.Error?.ToString());
        return issued.Value;
    }

    /// <summary>Every audit record, oldest first, as stored (redacted, canonical JSON).</summary>
    public IReadOnlyList<JsonObject> Records() =>
        [.. Store.Audit.ReadFrom(1).Select(r => (JsonObject)JsonNode.Parse(r.Canonical)!)];

    public IReadOnlyList<JsonObject> Records(string @event) =>
        [.. Records().Where(r => (string?)r["event"] == @event)];

    public void Dispose()
    {
        Store.Dispose();
        _keys.Dispose();
        _key.Dispose();
        System.IO.Directory.Delete(Directory, recursive: true);
    }
}
