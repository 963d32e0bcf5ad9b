using Mandate.Core.Storage;

namespace Mandate.Storage.Sqlite.Tests;

public sealed class SqliteAgentStoreTests : IDisposable
{
    private readonly TempDatabase _db = new();
    private readonly SqliteStore _store;

    public SqliteAgentStoreTests() => _store = _db.Open();

    public void Dispose()
    {
        _store.Dispose();
        _db.Dispose();
    }

    [Fact]
    public void Add_ThenFind_RoundTripsEveryField()
    {
        var agent = TestData.Agent() with
        {
            Model = "claude-sonnet-4",
            Provider = "anthropic",
            Description = "writes the web app; quotes ' \" and unicode ✓",
            CreatedAt = new DateTimeOffset(2026, 3, 1, 14, 0, 0, TimeSpan.FromHours(2)).AddTicks(1234567),
        };

        _store.Agents.Add(agent, TestData.Event("agent.register", agent.Id.Value));

        var found = _store.Agents.Find(agent.Id);
        Assert.Equal(agent, found);
        Assert.Equal(TimeSpan.Zero, found!.CreatedAt.Offset);
        Assert.Equal(agent, _store.Agents.FindBySpiffeId(agent.SpiffeId));
    }

    [Fact]
    public void Add_WithNullOptionalFields_RoundTripsThemAsNull()
    {
        var agent = TestData.Agent();

        _store.Agents.Add(agent, TestData.Event("agent.register", agent.Id.Value));

        var found = _store.Agents.Find(agent.Id)!;
        Assert.Null(found.Model);
        Assert.Null(found.Provider);
        Assert.Null(found.Description);
        Assert.Null(found.RevokedAt);
        Assert.Null(found.RevocationReason);
    }

    [Fact]
    public void Find_Unknown_IsNull()
    {
        Assert.Null(_store.Agents.Find(new Core.Agents.AgentId("agt_0000000000000000")));
        Assert.Null(_store.Agents.FindBySpiffeId("spiffe://acme.dev/agent/x/y"));
    }

    [Fact]
    public void Add_DuplicateSpiffeId_IsRefused_AndRecordsNothing()
    {
        var first = TestData.Agent();
        _store.Agents.Add(first, TestData.Event("agent.register", first.Id.Value));
        var clash = TestData.Agent();

        Assert.Throws<StoreException>(() => _store.Agents.Add(clash, TestData.Event("agent.register", clash.Id.Value)));

        Assert.Null(_store.Agents.Find(clash.Id));
        Assert.Single(_store.RecentEvents(100));
    }

    [Fact]
    public void Add_IsAtomicWithItsEvent()
    {
        _db.Execute("CREATE TRIGGER no_events BEFORE INSERT ON audit_records BEGIN SELECT RAISE(ABORT, 'the audit log is read-only'); END;");
        var agent = TestData.Agent();

        Assert.Throws<StoreException>(() => _store.Agents.Add(agent, TestData.Event("agent.register", agent.Id.Value)));

        Assert.Null(_store.Agents.Find(agent.Id));
    }

    [Fact]
    public void Revoke_SetsTheRevocationAndAppendsItsEvent()
    {
        var agent = Add(TestData.Agent());
        var at = TestData.T0.AddMinutes(5);

        Assert.True(_store.Agents.Revoke(agent.Id, at, "task finished", TestData.Event("agent.revoke", agent.Id.Value, at)));

        var found = _store.Agents.Find(agent.Id)!;
        Assert.Equal(at, found.RevokedAt);
        Assert.Equal("task finished", found.RevocationReason);
        Assert.Equal(["agent.register", "agent.revoke"], _store.RecentEvents(10).Select(e => e.Type));
    }

    [Fact]
    public void Revoke_Twice_IsRefused_AndKeepsTheFirstRevocation()
    {
        var agent = Add(TestData.Agent());
        _store.Agents.Revoke(agent.Id, TestData.T0.AddMinutes(5), "first", TestData.Event("agent.revoke", agent.Id.Value));

        Assert.False(_store.Agents.Revoke(agent.Id, TestData.T0.AddMinutes(9), "second", TestData.Event("agent.revoke", agent.Id.Value)));

        var found = _store.Agents.Find(agent.Id)!;
        Assert.Equal("first", found.RevocationReason);
        Assert.Equal(TestData.T0.AddMinutes(5), found.RevokedAt);
        Assert.Equal(2, _store.RecentEvents(10).Count);
    }

    [Fact]
    public void Revoke_Unknown_IsFalse_AndRecordsNothing()
    {
        Assert.False(_store.Agents.Revoke(new Core.Agents.AgentId("agt_0000000000000000"), TestData.T0, "why", TestData.Event("agent.revoke", "x")));
        Assert.Empty(_store.RecentEvents(10));
    }

    [Fact]
    public void Revoke_IsAtomicWithItsEvent()
    {
        var agent = Add(TestData.Agent());
        _db.Execute("CREATE TRIGGER no_events BEFORE INSERT ON audit_records BEGIN SELECT RAISE(ABORT, 'the audit log is read-only'); END;");

        Assert.Throws<StoreException>(() => _store.Agents.Revoke(agent.Id, TestData.T0, "why", TestData.Event("agent.revoke", agent.Id.Value)));

        Assert.False(_store.Agents.Find(agent.Id)!.IsRevoked);
    }

    [Fact]
    public void SpiffeIdsStartingWith_MatchesThePrefixLiterally_RevokedIncluded()
    {
        var a = Add(TestData.Agent("web_app"));
        Add(TestData.Agent("web_app-2"));
        Add(TestData.Agent("webXapp"));
        Add(TestData.Agent("WEB_APP"));
        _store.Agents.Revoke(a.Id, TestData.T0, "gone", TestData.Event("agent.revoke", a.Id.Value));

        var taken = _store.Agents.SpiffeIdsStartingWith("spiffe://acme.dev/agent/claude-code/web_app");

        Assert.Equal(
            ["spiffe://acme.dev/agent/claude-code/web_app", "spiffe://acme.dev/agent/claude-code/web_app-2"],
            taken.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void List_IsInCreationOrder()
    {
        var later = Add(TestData.Agent("b", TestData.T0.AddMinutes(2)));
        var earlier = Add(TestData.Agent("a", TestData.T0.AddMinutes(1)));

        Assert.Equal([earlier.Id, later.Id], _store.Agents.List().Select(a => a.Id));
    }

    private Core.Agents.Agent Add(Core.Agents.Agent agent)
    {
        _store.Agents.Add(agent, TestData.Event("agent.register", agent.Id.Value));
        return agent;
    }
}
