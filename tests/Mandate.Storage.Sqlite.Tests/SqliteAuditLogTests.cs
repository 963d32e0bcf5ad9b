namespace Mandate.Storage.Sqlite.Tests;

public sealed class SqliteEventStoreTests : IDisposable
{
    private readonly TempDatabase _db = new();
    private readonly SqliteStore _store;

    public SqliteEventStoreTests() => _store = SqliteStore.Open(_db.Path);

    public void Dispose()
    {
        _store.Dispose();
        _db.Dispose();
    }

    [Fact]
    public void Append_NumbersEventsDenselyFromOne()
    {
        var seqs = Enumerable.Range(0, 20).Select(i => _store.Events.Append(TestData.Event("e" + i, "s"))).ToList();

        Assert.Equal(Enumerable.Range(1, 20).Select(i => (long)i), seqs);
        Assert.Equal(Enumerable.Range(1, 20).Select(i => (long)i), _store.Events.List(100).Select(e => e.Seq));
    }

    [Fact]
    public void Seq_StaysDenseAcrossAgentChangesAndRefusedWrites()
    {
        var agent = TestData.Agent();
        _store.Events.Append(TestData.Event("trust_domain.init", "spiffe://acme.dev"));
        _store.Agents.Add(agent, TestData.Event("agent.register", agent.Id.Value));
        Assert.ThrowsAny<Exception>(() => _store.Agents.Add(agent, TestData.Event("agent.register", agent.Id.Value)));
        _store.Agents.Revoke(agent.Id, TestData.T0, "why", TestData.Event("agent.revoke", agent.Id.Value));
        _store.Agents.Revoke(agent.Id, TestData.T0, "again", TestData.Event("agent.revoke", agent.Id.Value));
        _store.Events.Append(TestData.Event("svid.jwt.issue", agent.Id.Value));

        var events = _store.Events.List(100);

        Assert.Equal([1L, 2L, 3L, 4L], events.Select(e => e.Seq));
        Assert.Equal(["trust_domain.init", "agent.register", "agent.revoke", "svid.jwt.issue"], events.Select(e => e.Type));
    }

    [Fact]
    public void Seq_StaysDenseWithTwoWritersInterleaved()
    {
        using var second = SqliteStore.Open(_db.Path);

        for (var i = 0; i < 10; i++)
        {
            _store.Events.Append(TestData.Event("a", "s"));
            second.Events.Append(TestData.Event("b", "s"));
        }

        Assert.Equal(Enumerable.Range(1, 20).Select(i => (long)i), _store.Events.List(100).Select(e => e.Seq));
    }

    [Fact]
    public async Task Seq_StaysDenseWithConcurrentWriters()
    {
        var stores = Enumerable.Range(0, 4).Select(_ => SqliteStore.Open(_db.Path)).ToList();
        try
        {
            await Task.WhenAll(stores.Select(s => Task.Run(
                () =>
                {
                    for (var i = 0; i < 25; i++)
                    {
                        s.Events.Append(TestData.Event("concurrent", "s"));
                    }
                },
                TestContext.Current.CancellationToken)));
        }
        finally
        {
            stores.ForEach(s => s.Dispose());
        }

        Assert.Equal(Enumerable.Range(1, 100).Select(i => (long)i), _store.Events.List(1000).Select(e => e.Seq));
    }

    [Fact]
    public void List_ReturnsTheLatestInAscendingOrder()
    {
        for (var i = 1; i <= 5; i++)
        {
            _store.Events.Append(TestData.Event("e" + i, "s"));
        }

        Assert.Equal(["e3", "e4", "e5"], _store.Events.List(3).Select(e => e.Type));
    }

    [Fact]
    public void Append_RoundTripsEveryField()
    {
        var e = TestData.Event("agent.register", "agt_0123456789abcdef", new DateTimeOffset(2026, 3, 1, 14, 0, 0, TimeSpan.FromHours(2)).AddTicks(7)) with
        {
            Data = "{\"spiffe_id\":\"spiffe://acme.dev/agent/x/y\",\"quote\":\"it's\"}",
        };

        var seq = _store.Events.Append(e);

        Assert.Equal(e with { Seq = seq }, Assert.Single(_store.Events.List(10)));
    }
}
