using Mandate.Core.Storage;

namespace Mandate.Storage.Sqlite.Tests;

public sealed class SqliteMandateStoreTests : IDisposable
{
    private readonly TempDatabase _db = new();
    private readonly SqliteStore _store;

    public SqliteMandateStoreTests() => _store = _db.Open();

    public void Dispose()
    {
        _store.Dispose();
        _db.Dispose();
    }

    [Fact]
    public void Add_StoresTheMandate_WithItsAuditRecord()
    {
        var m = Mandate("m1");

        _store.Mandates.Add(m, TestData.Event("mandate.grant", "m1"));

        Assert.Equal(m, _store.Mandates.Find("m1"));
        Assert.Equal(["mandate.grant"], _store.RecentEvents(10).Select(e => e.Type));
    }

    [Fact]
    public void Revoke_CascadesToEveryDescendant_AndRecordsEachOnce()
    {
        // m1 → m2 → m3, m1 → m4; m5 is unrelated.
        Add(Mandate("m1"));
        Add(Mandate("m2", parent: "m1", depth: 1));
        Add(Mandate("m3", parent: "m2", depth: 2));
        Add(Mandate("m4", parent: "m1", depth: 1));
        Add(Mandate("m5"));
        var before = _store.Audit.Size;

        var revoked = _store.Mandates.Revoke(new MandateFilter { Jti = "m1" }, TestData.T0.AddMinutes(1), "task done", m => TestData.Event("mandate.revoke", m.Jti));

        Assert.Equal(["m1", "m2", "m4", "m3"], revoked.Select(m => m.Jti));
        Assert.All(["m1", "m2", "m3", "m4"], jti => Assert.True(_store.Mandates.IsRevoked(jti)));
        Assert.False(_store.Mandates.IsRevoked("m5"));
        Assert.Equal(before + 4, _store.Audit.Size);
    }

    [Fact]
    public void Revoke_AnAlreadyRevokedMandate_RevokesNothingMore_AndRecordsNothing()
    {
        Add(Mandate("m1"));
        _store.Mandates.Revoke(new MandateFilter { Jti = "m1" }, TestData.T0, "first", m => TestData.Event("mandate.revoke", m.Jti));
        var size = _store.Audit.Size;

        var again = _store.Mandates.Revoke(new MandateFilter { Jti = "m1" }, TestData.T0.AddMinutes(1), "second", m => TestData.Event("mandate.revoke", m.Jti));

        Assert.Empty(again);
        Assert.Equal("first", _store.Mandates.Find("m1")!.RevocationReason);
        Assert.Equal(size, _store.Audit.Size);
    }

    [Theory]
    [InlineData("task", 2)]
    [InlineData("agent", 1)]
    [InlineData("human", 3)]
    public void Revoke_ByTaskAgentOrHuman_RevokesTheirMandatesAndDescendants(string by, int expected)
    {
        Add(Mandate("a", task: "t1", agent: "agt_a"));
        Add(Mandate("b", task: "t1", agent: "agt_b", parent: "a", depth: 1));
        Add(Mandate("c", task: "t2", agent: "agt_c"));
        var filter = by switch
        {
            "task" => new MandateFilter { TaskId = "t1" },
            "agent" => new MandateFilter { AgentId = "agt_c" },
            _ => new MandateFilter { HumanEmail = "jane@acme.dev" },
        };

        var revoked = _store.Mandates.Revoke(filter, TestData.T0, "offboarding", m => TestData.Event("mandate.revoke", m.Jti));

        Assert.Equal(expected, revoked.Count);
    }

    [Fact]
    public void Revoke_IsAtomicWithItsAuditRecords()
    {
        Add(Mandate("m1"));
        _db.Execute("CREATE TRIGGER no_audit BEFORE INSERT ON audit_records BEGIN SELECT RAISE(ABORT, 'the audit log is read-only'); END;");

        Assert.Throws<StoreException>(() => _store.Mandates.Revoke(new MandateFilter { Jti = "m1" }, TestData.T0, "x", m => TestData.Event("mandate.revoke", m.Jti)));

        Assert.False(_store.Mandates.IsRevoked("m1"));
    }

    [Fact]
    public void Revoke_WithNoFilter_IsRefused()
    {
        Assert.Throws<ArgumentException>(() => _store.Mandates.Revoke(new MandateFilter(), TestData.T0, "x", m => TestData.Event("mandate.revoke", m.Jti)));
    }

    [Fact]
    public void List_Active_LeavesOutRevokedAndExpired()
    {
        Add(Mandate("live"));
        Add(Mandate("expired", expires: TestData.T0.AddMinutes(-1)));
        Add(Mandate("revoked"));
        _store.Mandates.Revoke(new MandateFilter { Jti = "revoked" }, TestData.T0, "x", m => TestData.Event("mandate.revoke", m.Jti));

        var active = _store.Mandates.List(new MandateFilter { ActiveAt = TestData.T0 });

        Assert.Equal(["live"], active.Select(m => m.Jti));
        Assert.Equal(3, _store.Mandates.List(new MandateFilter()).Count);
    }

    private void Add(MandateRecord m) => _store.Mandates.Add(m, TestData.Event("mandate.grant", m.Jti));

    private static MandateRecord Mandate(string jti, string? parent = null, int depth = 0, string task = "t1", string agent = "agt_a", DateTimeOffset? expires = null) => new()
    {
        Jti = jti,
        ParentJti = parent,
        Actor = "spiffe://acme.dev/agent/claude-code/webapp",
        AgentId = agent,
        HumanEmail = "jane@acme.dev",
        TaskId = task,
        Purpose = "refactor the auth module",
        Scope = "fs:read:/src/**",
        Depth = depth,
        IssuedAt = TestData.T0.AddSeconds(depth),
        ExpiresAt = expires ?? TestData.T0.AddHours(2),
        TokenSha256 = new string('0', 64),
    };
}
