using Mandate.Core.Agents;
using Mandate.Core.Errors;
using Mandate.Core.Identity;
using Mandate.Core.Tests.Fakes;
using Microsoft.Extensions.Time.Testing;

namespace Mandate.Core.Tests.Agents;

public sealed class AgentRegistryTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly InMemoryStore _store = new();
    private readonly AgentRegistry _registry;

    public AgentRegistryTests() => _registry = new AgentRegistry(TrustDomain.Parse("acme.dev").Value, _store, _time);

    [Fact]
    public void Register_GivesTheAgentItsSpiffeIdAndRecordsIt()
    {
        var agent = Register("claude-code", "webapp");

        Assert.Equal("spiffe://acme.dev/agent/claude-code/webapp", agent.SpiffeId);
        Assert.True(AgentId.LooksLikeId(agent.Id.Value), agent.Id.Value);
        Assert.Equal(_time.GetUtcNow(), agent.CreatedAt);
        Assert.Equal("user:jane@acme.dev", agent.CreatedBy);
        Assert.False(agent.IsRevoked);
        Assert.Equal(agent, _registry.Find(agent.Id.Value).Value);
        Assert.Equal(agent, _registry.Find(agent.SpiffeId).Value);
    }

    [Fact]
    public void Register_SameTypeAndProject_GetsNumberedUniqueIds()
    {
        var first = Register("claude-code", "webapp");
        var second = Register("claude-code", "webapp");
        var third = Register("claude-code", "webapp");
        var otherType = Register("cursor", "webapp");

        Assert.Equal("spiffe://acme.dev/agent/claude-code/webapp", first.SpiffeId);
        Assert.Equal("spiffe://acme.dev/agent/claude-code/webapp-2", second.SpiffeId);
        Assert.Equal("spiffe://acme.dev/agent/claude-code/webapp-3", third.SpiffeId);
        Assert.Equal("spiffe://acme.dev/agent/cursor/webapp", otherType.SpiffeId);
        Assert.Equal(4, _registry.List().Select(a => a.Id).Distinct().Count());
    }

    [Fact]
    public void Register_AfterRevocation_DoesNotReuseTheRevokedAgentsId()
    {
        var first = Register("claude-code", "webapp");
        Assert.True(_registry.Revoke(first.Id.Value, "left the project", "user:jane@acme.dev").IsSuccess);

        var next = Register("claude-code", "webapp");

        Assert.Equal("spiffe://acme.dev/agent/claude-code/webapp-2", next.SpiffeId);
        Assert.Equal(first.SpiffeId, _registry.Find(first.Id.Value).Value.SpiffeId);
    }

    [Fact]
    public void Register_ProjectThatLooksLikeASuffix_StillGetsAUniqueId()
    {
        var explicitTwo = Register("claude-code", "webapp-2");
        var first = Register("claude-code", "webapp");
        var second = Register("claude-code", "webapp");

        Assert.Equal("spiffe://acme.dev/agent/claude-code/webapp-2", explicitTwo.SpiffeId);
        Assert.Equal("spiffe://acme.dev/agent/claude-code/webapp", first.SpiffeId);
        Assert.Equal("spiffe://acme.dev/agent/claude-code/webapp-3", second.SpiffeId);
    }

    [Fact]
    public void Register_WhenAnotherProcessTakesTheChosenId_ChoosesAgain()
    {
        var registry = new AgentRegistry(TrustDomain.Parse("acme.dev").Value, new RacingAgentStore(_store, competitors: 3), _time);

        var result = registry.Register(new AgentRegistration { Type = "claude-code", Project = "webapp", Sponsor = "jane@acme.dev" }, "test");

        Assert.True(result.IsSuccess, result.Error?.Message);
        Assert.Equal("spiffe://acme.dev/agent/claude-code/webapp-4", result.Value.SpiffeId);
        Assert.Equal(4, _store.List().Select(a => a.SpiffeId).Distinct().Count());
    }

    [Fact]
    public void Register_InvalidFields_ReportsEveryProblemAtOnce()
    {
        var result = _registry.Register(
            new AgentRegistration { Type = "claude code", Project = "..", Sponsor = "not-an-email" },
            "user:jane@acme.dev");

        Assert.False(result.IsSuccess);
        Assert.Equal(ErrorCodes.AgentFieldInvalid, result.Error.Code);
        Assert.Contains("--type", result.Error.Message, StringComparison.Ordinal);
        Assert.Contains("--project", result.Error.Message, StringComparison.Ordinal);
        Assert.Contains("--sponsor", result.Error.Message, StringComparison.Ordinal);
        Assert.Empty(_store.AllEvents);
    }

    [Theory]
    [InlineData("claude/code", "webapp")]
    [InlineData("claude-code", "web/app")]
    [InlineData("claude-code", "..")]
    [InlineData("claude-code", "")]
    [InlineData("claude-code", "web%2Fapp")]
    public void Register_TypeOrProjectThatIsNotOnePathSegment_IsRefused(string type, string project)
    {
        var result = _registry.Register(new AgentRegistration { Type = type, Project = project, Sponsor = "jane@acme.dev" }, "test");

        Assert.Equal(ErrorCodes.AgentFieldInvalid, result.Error?.Code);
        Assert.Empty(_registry.List());
    }

    [Theory]
    [InlineData("jane@acme.dev", true)]
    [InlineData("  Jane@Acme.Dev ", true)]
    [InlineData("jane", false)]
    [InlineData("@acme.dev", false)]
    [InlineData("jane@@acme.dev", false)]
    [InlineData("jane@acme", false)]
    [InlineData("ja ne@acme.dev", false)]
    [InlineData("", false)]
    public void Register_Sponsor_MustBeAnEmail(string sponsor, bool accepted)
    {
        var result = _registry.Register(new AgentRegistration { Type = "claude-code", Project = "webapp", Sponsor = sponsor }, "test");

        Assert.Equal(accepted, result.IsSuccess);
        if (accepted)
        {
            Assert.Equal("jane@acme.dev", result.Value.Sponsor);
        }
    }

    [Fact]
    public void Revoke_IsPermanent()
    {
        var agent = Register("claude-code", "webapp");
        _time.Advance(TimeSpan.FromMinutes(5));

        var revoked = _registry.Revoke(agent.Id.Value, "task finished", "user:jane@acme.dev");
        _time.Advance(TimeSpan.FromMinutes(5));
        var again = _registry.Revoke(agent.Id.Value, "once more", "user:jane@acme.dev");

        Assert.True(revoked.IsSuccess, revoked.Error?.Message);
        Assert.Equal(ErrorCodes.AgentAlreadyRevoked, again.Error?.Code);
        var stored = _registry.Find(agent.Id.Value).Value;
        Assert.True(stored.IsRevoked);
        Assert.Equal(agent.CreatedAt + TimeSpan.FromMinutes(5), stored.RevokedAt);
        Assert.Equal("task finished", stored.RevocationReason);
        Assert.Equal(ErrorCodes.AgentRevoked, _registry.FindActive(agent.Id.Value).Error?.Code);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Revoke_WithoutReason_IsRefused(string reason)
    {
        var agent = Register("claude-code", "webapp");

        var result = _registry.Revoke(agent.Id.Value, reason, "test");

        Assert.Equal(ErrorCodes.AgentFieldInvalid, result.Error?.Code);
        Assert.False(_registry.Find(agent.Id.Value).Value.IsRevoked);
    }

    [Theory]
    [InlineData("agt_0123456789abcdef")]
    [InlineData("spiffe://acme.dev/agent/claude-code/nobody")]
    [InlineData("nope")]
    public void FindAndRevoke_UnknownAgent_IsMDT1010(string id)
    {
        Assert.Equal(ErrorCodes.AgentNotFound, _registry.Find(id).Error?.Code);
        Assert.Equal(ErrorCodes.AgentNotFound, _registry.Revoke(id, "why", "test").Error?.Code);
    }

    [Fact]
    public void EveryChange_AppendsOneEvent()
    {
        var a = Register("claude-code", "webapp");
        var b = Register("cursor", "webapp");
        _registry.Revoke(a.Id.Value, "done", "user:jane@acme.dev");
        _registry.Revoke(a.Id.Value, "again", "user:jane@acme.dev"); // refused: no event
        _registry.Register(new AgentRegistration { Type = "x y", Project = "p", Sponsor = "jane@acme.dev" }, "test"); // refused: no event

        var events = _store.AllEvents;

        Assert.Equal(["agent.register", "agent.register", "agent.revoke"], events.Select(e => e.Event));
        Assert.Equal([a.SpiffeId, b.SpiffeId, a.SpiffeId], events.Select(e => e.Resource));
        Assert.All(events, e => Assert.Equal("user:jane@acme.dev", e.Actor.Id));
        Assert.Contains("\"reason\":\"done\"", InMemoryStore.Data(events[2]), StringComparison.Ordinal);
        Assert.Contains(a.SpiffeId, InMemoryStore.Data(events[0]), StringComparison.Ordinal);
    }

    private Agent Register(string type, string project)
    {
        var result = _registry.Register(
            new AgentRegistration { Type = type, Project = project, Sponsor = "jane@acme.dev", Model = "claude-sonnet-4", Provider = "anthropic" },
            "user:jane@acme.dev");
        Assert.True(result.IsSuccess, result.Error?.Message);
        return result.Value;
    }
}
