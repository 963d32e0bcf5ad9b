using Mandate.Core.Agents;
using Mandate.Core.Errors;
using Mandate.Core.Home;
using Mandate.Core.Svid;
using Mandate.Core.Tests.Fakes;
using Microsoft.Extensions.Time.Testing;

namespace Mandate.Core.Tests.Svid;

/// <summary>Issuing SVIDs to registered agents: sessions, TTL limits, revocation, and the record of each issue.</summary>
public sealed class AgentSvidsTests : IDisposable
{
    private readonly FakeTimeProvider _time = new(TestAuthority.Start);
    private readonly Authority _authority = TestAuthority.Create("acme.dev", TestAuthority.Start);
    private readonly InMemoryStore _store = new();
    private readonly AgentRegistry _registry;
    private readonly AgentSvids _svids;
    private readonly Agent _agent;

    public AgentSvidsTests()
    {
        var settings = Settings.From(new MandateConfig { TrustDomain = "acme.dev" }, "config.json").Value;
        _registry = new AgentRegistry(_authority.TrustDomain, _store, _time);
        _svids = new AgentSvids(_registry, new SvidIssuer(_authority, _time), _store, settings, _time);
        _agent = _registry.Register(new AgentRegistration { Type = "claude-code", Project = "webapp", Sponsor = "jane@acme.dev" }, "user:jane@acme.dev").Value;
    }

    public void Dispose() => _authority.Dispose();

    [Fact]
    public void IssueX509_Defaults_ToOneHour()
    {
        var svid = _svids.IssueX509(_agent.Id.Value, null, null, "test");

        Assert.True(svid.IsSuccess, svid.Error?.Message);
        Assert.Equal(_time.GetUtcNow() + TimeSpan.FromHours(1), svid.Value.ExpiresAt);
        Assert.Equal(_agent.SpiffeId, svid.Value.SpiffeId);
    }

    [Fact]
    public void IssueJwt_Defaults_ToFiveMinutes()
    {
        var svid = _svids.IssueJwt(_agent.Id.Value, null, "aud", null, "test");

        Assert.True(svid.IsSuccess, svid.Error?.Message);
        Assert.Equal(_time.GetUtcNow() + TimeSpan.FromMinutes(5), svid.Value.ExpiresAt);
    }

    [Fact]
    public void IssueX509_ForASession_NamesTheSessionInTheSpiffeIdAndTheSan()
    {
        var svid = _svids.IssueX509(_agent.Id.Value, "s-42", TimeSpan.FromMinutes(30), "test");

        Assert.True(svid.IsSuccess, svid.Error?.Message);
        Assert.Equal("spiffe://acme.dev/agent/claude-code/webapp/session/s-42", svid.Value.SpiffeId);
        var verified = new SvidVerifier(_authority.Bundle(1), _time).Verify(svid.Value.CertificatePem, null);
        Assert.Equal(svid.Value.SpiffeId, verified.Value.SpiffeId);
        Assert.Equal(_time.GetUtcNow() + TimeSpan.FromMinutes(30), svid.Value.ExpiresAt);
    }

    [Fact]
    public void IssueJwt_ForASession_HasTheSessionAsSub()
    {
        var svid = _svids.IssueJwt(_agent.SpiffeId, "s1", "aud", null, "test");

        Assert.True(svid.IsSuccess, svid.Error?.Message);
        var verified = new SvidVerifier(_authority.Bundle(1), _time).Verify(svid.Value.Token, "aud");
        Assert.Equal(_agent.SpiffeId + "/session/s1", verified.Value.SpiffeId);
    }

    [Theory]
    [InlineData("")]
    [InlineData("..")]
    [InlineData("a/b")]
    [InlineData("a b")]
    [InlineData("s%41")]
    public void Issue_InvalidSession_IsRefused(string session)
    {
        Assert.Equal(ErrorCodes.SessionIdInvalid, _svids.IssueX509(_agent.Id.Value, session, null, "test").Error?.Code);
        Assert.Equal(ErrorCodes.SessionIdInvalid, _svids.IssueJwt(_agent.Id.Value, session, "aud", null, "test").Error?.Code);
    }

    [Fact]
    public void Issue_TtlAboveMax_IsRefused_AndAtMaxIsAccepted()
    {
        Assert.Equal(ErrorCodes.TtlTooLong, _svids.IssueX509(_agent.Id.Value, null, TimeSpan.FromHours(24) + TimeSpan.FromSeconds(1), "test").Error?.Code);
        Assert.Equal(ErrorCodes.TtlTooLong, _svids.IssueJwt(_agent.Id.Value, null, "aud", TimeSpan.FromMinutes(61), "test").Error?.Code);
        Assert.True(_svids.IssueX509(_agent.Id.Value, null, TimeSpan.FromHours(24), "test").IsSuccess);
        Assert.True(_svids.IssueJwt(_agent.Id.Value, null, "aud", TimeSpan.FromHours(1), "test").IsSuccess);
    }

    [Fact]
    public void Issue_TtlAboveMax_SaysWhichKeyToRaise()
    {
        var error = _svids.IssueJwt(_agent.Id.Value, null, "aud", TimeSpan.FromHours(2), "test").Error;

        Assert.NotNull(error);
        Assert.Contains("2h", error.Message, StringComparison.Ordinal);
        Assert.Contains("ttl.jwt_svid_max", error.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void Issue_RevokedAgent_GetsNoSvid_AndEachRefusalIsRecorded()
    {
        _registry.Revoke(_agent.Id.Value, "done", "test");
        var eventsBefore = _store.AllEvents.Count;

        Assert.Equal(ErrorCodes.AgentRevoked, _svids.IssueX509(_agent.Id.Value, null, null, "test").Error?.Code);
        Assert.Equal(ErrorCodes.AgentRevoked, _svids.IssueJwt(_agent.Id.Value, null, "aud", null, "test").Error?.Code);
        Assert.Equal(ErrorCodes.AgentRevoked, _svids.IssueJwt(_agent.SpiffeId, "s1", "aud", null, "test").Error?.Code);
        var refusals = _store.AllEvents.Skip(eventsBefore).ToList();
        Assert.Equal(["svid.x509.refuse", "svid.jwt.refuse", "svid.jwt.refuse"], refusals.Select(e => e.Event));
        Assert.All(refusals, e => Assert.Equal("refused", e.Outcome));
        Assert.All(refusals, e => Assert.Contains(ErrorCodes.AgentRevoked, InMemoryStore.Data(e), StringComparison.Ordinal));
    }

    [Fact]
    public void Issue_UnknownAgent_IsMDT1010()
    {
        Assert.Equal(ErrorCodes.AgentNotFound, _svids.IssueX509("agt_0000000000000000", null, null, "test").Error?.Code);
        Assert.Equal(ErrorCodes.AgentNotFound, _svids.IssueJwt("spiffe://acme.dev/agent/nobody/none", null, "aud", null, "test").Error?.Code);
    }

    [Fact]
    public void EveryIssue_IsRecordedWithoutKeyMaterial()
    {
        var x509 = _svids.IssueX509(_agent.Id.Value, null, null, "user:jane@acme.dev").Value;
        var jwt = _svids.IssueJwt(_agent.Id.Value, "s1", "https://api.acme.dev", null, "user:jane@acme.dev").Value;

        var events = _store.AllEvents.Skip(1).ToList(); // after agent.register
        Assert.Equal(["svid.x509.issue", "svid.jwt.issue"], events.Select(e => e.Event));
        Assert.Equal([_agent.SpiffeId, _agent.SpiffeId + "/session/s1"], events.Select(e => e.Resource));
        Assert.Contains(x509.SerialNumber, InMemoryStore.Data(events[0]), StringComparison.Ordinal);
        Assert.Contains(jwt.Jti, InMemoryStore.Data(events[1]), StringComparison.Ordinal);
        Assert.All(events, e => Assert.DoesNotContain("PRIVATE KEY", InMemoryStore.Data(e), StringComparison.Ordinal));
        Assert.DoesNotContain(jwt.Token, InMemoryStore.Data(events[1]), StringComparison.Ordinal);
        Assert.DoesNotContain(jwt.Token.Split('.')[2], InMemoryStore.Data(events[1]), StringComparison.Ordinal);
    }
}
