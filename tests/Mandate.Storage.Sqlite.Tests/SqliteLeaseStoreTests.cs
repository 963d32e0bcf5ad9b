using Mandate.Core.Leases;

namespace Mandate.Storage.Sqlite.Tests;

public sealed class SqliteLeaseStoreTests : IDisposable
{
    private const string Agent = "spiffe://acme.dev/agent/claude-code/webapp";
    private readonly TempDatabase _db = new();

    [Fact]
    public void Add_ThenFind_RoundTripsEveryField_WithItsAuditRecordInTheSameCommit()
    {
        using var store = _db.Open();
        var lease = Lease("lse_" + new string('a', 32)) with { Renewals = 2, Details = new Dictionary<string, string> { ["role"] = "mandate_x", ["serial"] = "42" } };

        store.Leases.Add(lease, TestData.Event("lease.issue", lease.Id));

        var found = store.Leases.Find(lease.Id)!;
        Assert.Equal(lease with { Details = found.Details }, found);
        Assert.Equal(lease.Details, found.Details);
        Assert.Equal(1, store.Audit.Size);
        Assert.Null(store.Leases.Find("lse_missing"));
    }

    [Fact]
    public void Add_ADuplicateId_FailsAndRecordsNothing()
    {
        using var store = _db.Open();
        var lease = Lease("lse_1");
        store.Leases.Add(lease, TestData.Event("lease.issue", lease.Id));

        Assert.Throws<Core.Storage.StoreException>(() => store.Leases.Add(lease, TestData.Event("lease.issue", lease.Id)));
        Assert.Equal(1, store.Audit.Size);
    }

    [Fact]
    public void List_FiltersByTaskMandateKindSessionActorAndTime()
    {
        using var store = _db.Open();
        var t0 = TestData.T0;
        store.Leases.Add(Lease("lse_1") with { Actor = Agent }, TestData.Event("lease.issue", "1"));
        store.Leases.Add(Lease("lse_2") with { Actor = Agent + "/session/s-2", SessionId = "s-2", TaskId = "other" }, TestData.Event("lease.issue", "2"));
        store.Leases.Add(Lease("lse_3") with { Actor = Agent + "-other", MandateJti = "mdt_b", Kind = "ssh" }, TestData.Event("lease.issue", "3"));
        store.Leases.Add(Lease("lse_4") with { ExpiresAt = t0.AddMinutes(1) }, TestData.Event("lease.issue", "4"));
        store.Leases.Add(Lease("lse_5") with { RevokedAt = t0, RevocationReason = "x", ExpiresAt = t0.AddMinutes(1) }, TestData.Event("lease.issue", "5"));

        string[] Ids(LeaseFilter f) => [.. store.Leases.List(f).Select(l => l.Id)];

        Assert.Equal(["lse_1", "lse_2", "lse_4", "lse_5"], Ids(new LeaseFilter { Actor = Agent }));
        Assert.Equal(["lse_1", "lse_2", "lse_4", "lse_5"], Ids(new LeaseFilter { Actor = Agent + "/" }));
        Assert.Equal(["lse_2"], Ids(new LeaseFilter { TaskId = "other" }));
        Assert.Equal(["lse_2"], Ids(new LeaseFilter { SessionId = "s-2" }));
        Assert.Equal(["lse_3"], Ids(new LeaseFilter { MandateJti = "mdt_b" }));
        Assert.Equal(["lse_3"], Ids(new LeaseFilter { Kind = "ssh" }));
        Assert.Equal(["lse_1", "lse_2", "lse_3"], Ids(new LeaseFilter { ActiveAt = t0.AddMinutes(5) }));
        Assert.Equal(["lse_4"], Ids(new LeaseFilter { ExpiredAt = t0.AddMinutes(5) }));
        Assert.Equal(5, Ids(new LeaseFilter()).Length);
        Assert.Empty(Ids(new LeaseFilter { Actor = "spiffe://acme.dev/agent/%" }));
    }

    [Fact]
    public void Renew_ExtendsAnActiveLeaseOnly()
    {
        using var store = _db.Open();
        store.Leases.Add(Lease("lse_1"), TestData.Event("lease.issue", "1"));
        var later = TestData.T0.AddMinutes(30);

        Assert.True(store.Leases.Renew("lse_1", later, TestData.Event("lease.renew", "1", TestData.T0.AddMinutes(10))));
        Assert.Equal((later, 1), (store.Leases.Find("lse_1")!.ExpiresAt, store.Leases.Find("lse_1")!.Renewals));
        Assert.False(store.Leases.Renew("lse_1", later.AddMinutes(5), TestData.Event("lease.renew", "1", later)));
        Assert.False(store.Leases.Renew("lse_missing", later, TestData.Event("lease.renew", "x", TestData.T0)));
        Assert.Equal(2, store.Audit.Size);
    }

    [Fact]
    public void MarkRevoked_OnlyOnce()
    {
        using var store = _db.Open();
        store.Leases.Add(Lease("lse_1"), TestData.Event("lease.issue", "1"));

        Assert.True(store.Leases.MarkRevoked("lse_1", TestData.T0.AddMinutes(1), "done", TestData.Event("lease.revoke", "1")));
        Assert.False(store.Leases.MarkRevoked("lse_1", TestData.T0.AddMinutes(2), "again", TestData.Event("lease.revoke", "1")));
        Assert.False(store.Leases.Renew("lse_1", TestData.T0.AddMinutes(30), TestData.Event("lease.renew", "1", TestData.T0.AddMinutes(1))));

        var lease = store.Leases.Find("lse_1")!;
        Assert.Equal((TestData.T0.AddMinutes(1), "done"), (lease.RevokedAt, lease.RevocationReason));
        Assert.Equal(2, store.Audit.Size);
    }

    [Fact]
    public void Secrets_PutReplaces_AndProviders_RefuseADuplicateName()
    {
        using var store = _db.Open();
        store.Secrets.Put("api", new byte[] { 1, 2, 3 }, TestData.T0, TestData.Event("secret.put", "api"));
        store.Secrets.Put("api", new byte[] { 4, 5 }, TestData.T0.AddMinutes(1), TestData.Event("secret.update", "api"));

        var secret = Assert.Single(store.Secrets.List());
        Assert.Equal(("api", TestData.T0, TestData.T0.AddMinutes(1)), (secret.Name, secret.CreatedAt, secret.UpdatedAt));
        Assert.Equal(new byte[] { 4, 5 }, store.Secrets.Find("api")!.Ciphertext.ToArray());
        Assert.Null(store.Secrets.Find("other"));

        Assert.True(store.Providers.Add(new Core.Storage.StoredProvider("orders", "postgres", new byte[] { 9 }, TestData.T0), TestData.Event("provider.add", "orders")));
        Assert.False(store.Providers.Add(new Core.Storage.StoredProvider("orders", "ssh", new byte[] { 8 }, TestData.T0), TestData.Event("provider.add", "orders")));
        Assert.Equal("postgres", store.Providers.Find("orders")!.Kind);
        Assert.Single(store.Providers.List());
        Assert.Equal(3, store.Audit.Size);
    }

    public void Dispose() => _db.Dispose();

    private static Lease Lease(string id) => new()
    {
        Id = id,
        Kind = "postgres",
        Provider = "orders-db",
        Capability = "db:connect:postgres/orders/read",
        Actor = Agent,
        MandateJti = "mdt_a",
        HumanEmail = "jane@acme.dev",
        TaskId = "report-1",
        IssuedAt = TestData.T0,
        ExpiresAt = TestData.T0.AddMinutes(15),
        Ttl = TimeSpan.FromMinutes(15),
        MaxTtl = TimeSpan.FromHours(1),
    };
}
