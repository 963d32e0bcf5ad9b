using Mandate.Core.Audit;

namespace Mandate.Storage.Sqlite.Tests;

public sealed class SqliteAuditLogTests : IDisposable
{
    private readonly TempDatabase _db = new();
    private readonly SqliteStore _store;

    public SqliteAuditLogTests() => _store = _db.Open();

    public void Dispose()
    {
        _store.Dispose();
        _db.Dispose();
    }

    [Fact]
    public void Append_NumbersEventsDenselyFromOne()
    {
        var seqs = Enumerable.Range(0, 20).Select(i => _store.Audit.Append(TestData.Event("e" + i, "s"))).ToList();

        Assert.Equal(Enumerable.Range(1, 20).Select(i => (long)i), seqs);
        Assert.Equal(Enumerable.Range(1, 20).Select(i => (long)i), _store.RecentEvents(100).Select(e => e.Seq));
    }

    [Fact]
    public void Seq_StaysDenseAcrossAgentChangesAndRefusedWrites()
    {
        var agent = TestData.Agent();
        _store.Audit.Append(TestData.Event("trust_domain.init", "spiffe://acme.dev"));
        _store.Agents.Add(agent, TestData.Event("agent.register", agent.Id.Value));
        Assert.ThrowsAny<Exception>(() => _store.Agents.Add(agent, TestData.Event("agent.register", agent.Id.Value)));
        _store.Agents.Revoke(agent.Id, TestData.T0, "why", TestData.Event("agent.revoke", agent.Id.Value));
        _store.Agents.Revoke(agent.Id, TestData.T0, "again", TestData.Event("agent.revoke", agent.Id.Value));
        _store.Audit.Append(TestData.Event("svid.jwt.issue", agent.Id.Value));

        var events = _store.RecentEvents(100);

        Assert.Equal([1L, 2L, 3L, 4L], events.Select(e => e.Seq));
        Assert.Equal(["trust_domain.init", "agent.register", "agent.revoke", "svid.jwt.issue"], events.Select(e => e.Type));
    }

    [Fact]
    public void Seq_StaysDenseWithTwoWritersInterleaved()
    {
        using var second = _db.Open();

        for (var i = 0; i < 10; i++)
        {
            _store.Audit.Append(TestData.Event("a", "s"));
            second.Audit.Append(TestData.Event("b", "s"));
        }

        Assert.Equal(Enumerable.Range(1, 20).Select(i => (long)i), _store.RecentEvents(100).Select(e => e.Seq));
    }

    [Fact]
    public async Task Seq_StaysDenseWithConcurrentWriters()
    {
        var stores = Enumerable.Range(0, 4).Select(_ => _db.Open()).ToList();
        try
        {
            await Task.WhenAll(stores.Select(s => Task.Run(
                () =>
                {
                    for (var i = 0; i < 25; i++)
                    {
                        s.Audit.Append(TestData.Event("concurrent", "s"));
                    }
                },
                TestContext.Current.CancellationToken)));
        }
        finally
        {
            stores.ForEach(s => s.Dispose());
        }

        Assert.Equal(Enumerable.Range(1, 100).Select(i => (long)i), _store.RecentEvents(1000).Select(e => e.Seq));
    }

    [Fact]
    public void List_ReturnsTheLatestInAscendingOrder()
    {
        for (var i = 1; i <= 5; i++)
        {
            _store.Audit.Append(TestData.Event("e" + i, "s"));
        }

        Assert.Equal(["e3", "e4", "e5"], _store.RecentEvents(3).Select(e => e.Type));
    }

    [Fact]
    public void Query_ByAgentHumanAndTask_ReturnsTheNewestMatchesOldestFirst()
    {
        // Served by a newest-first scan since migration 4 dropped their indexes.
        for (var i = 1; i <= 30; i++)
        {
            _store.Audit.Append(TestData.Event("e" + i, "s") with
            {
                Actor = new AuditActor(i % 3 == 0 ? "spiffe://acme.dev/agent/a" : "spiffe://acme.dev/agent/b"),
                OnBehalfOf = i % 2 == 0 ? "user:jane@acme.dev" : "user:joe@acme.dev",
                Task = new AuditTask(i % 5 == 0 ? "task-5" : "task-x", "t"),
            });
        }

        Assert.Equal([24L, 27L, 30L], Seqs(new AuditQuery { Agent = "spiffe://acme.dev/agent/a", Limit = 3 }));
        Assert.Equal([6L, 12L, 18L, 24L, 30L], Seqs(new AuditQuery { Agent = "spiffe://acme.dev/agent/a", Human = "user:jane@acme.dev" }));
        Assert.Equal([15L, 30L], Seqs(new AuditQuery { Task = "task-5", Agent = "spiffe://acme.dev/agent/a" }));
        Assert.Equal([25L], Seqs(new AuditQuery { Task = "task-5", Human = "user:joe@acme.dev", AfterSeq = 15 }));
        Assert.Empty(Seqs(new AuditQuery { Task = "task-none" }));
    }

    private long[] Seqs(AuditQuery query) => [.. _store.Audit.Query(query).Select(r => r.Seq)];

    [Fact]
    public void Append_StoresTheRecordAsCanonicalJsonWithItsSeq()
    {
        var e = TestData.Event("agent.register", "spiffe://acme.dev/agent/x/y", new DateTimeOffset(2026, 3, 1, 14, 0, 0, TimeSpan.FromHours(2)).AddTicks(7)) with
        {
            Details = new Dictionary<string, string?> { ["quote"] = "it's", ["spiffe_id"] = "spiffe://acme.dev/agent/x/y" },
        };

        var seq = _store.Audit.Append(e);

        var stored = System.Text.Encoding.UTF8.GetString(_store.Audit.Get(seq)!.Canonical);
        Assert.Equal(
            "{\"actor\":{\"id\":\"user:jane@acme.dev\"},\"details\":{\"quote\":\"it's\",\"spiffe_id\":\"spiffe://acme.dev/agent/x/y\"},\"event\":\"agent.register\",\"kind\":\"lifecycle\",\"resource\":\"spiffe://acme.dev/agent/x/y\",\"seq\":1,\"time\":\"2026-03-01T12:00:00.0000007Z\"}",
            stored);
    }
}
