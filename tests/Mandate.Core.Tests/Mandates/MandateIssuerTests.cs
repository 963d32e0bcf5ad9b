using Mandate.Core.Errors;
using Mandate.Core.Mandates;
using Mandate.Core.Tests.Svid;

namespace Mandate.Core.Tests.Mandates;

/// <summary>Granting and delegating: what is signed, and every refusal with its reason and offending capability.</summary>
public sealed class MandateIssuerTests : IDisposable
{
    private readonly MandateFixture _f = new();

    public void Dispose() => _f.Dispose();

    [Fact]
    public void Grant_ValidRequest_SignsTheClaimsOfDesignSection2()
    {
        var issued = _f.Grant();
        var payload = MandateForge.Payload(issued.Token);
        var header = MandateForge.HeaderObject(issued.Token);

        Assert.Equal("ES256", (string?)header["alg"]);
        Assert.Equal("mandate+jwt", (string?)header["typ"]);
        Assert.Equal(_f.Authority.JwtKey.Kid, (string?)header["kid"]);
        Assert.Equal("spiffe://acme.dev", (string?)payload["iss"]);
        Assert.Equal("user:jane@acme.dev", (string?)payload["sub"]);
        Assert.Equal(MandateFixture.Coder, (string?)payload["act"]!["sub"]);
        Assert.Null(payload["act"]!["act"]);
        Assert.Equal(MandateFixture.RootScope, (string?)payload["scope"]);
        Assert.Equal("AUTH-42", (string?)payload["task"]!["id"]);
        Assert.Equal("refactor the auth module", (string?)payload["task"]!["purpose"]);
        Assert.Equal(2, (int?)payload["constraints"]!["max_depth"]);
        Assert.Equal("repo:push:github.com/acme/**", (string?)payload["constraints"]!["ask"]![0]);
        Assert.Null(payload["cnf"]);
        Assert.Null(payload["aud"]);
        var start = TestAuthority.Start.ToUnixTimeSeconds();
        Assert.Equal(start, (long?)payload["iat"]);
        Assert.Equal(start, (long?)payload["nbf"]);
        Assert.Equal(start + 7200, (long?)payload["exp"]);
        var hop = MandateForge.Hop(payload, 0);
        Assert.Equal("user:jane@acme.dev", (string?)hop["delegator"]);
        Assert.Equal(MandateFixture.Coder, (string?)hop["delegatee"]);
        Assert.Equal((string?)payload["jti"], (string?)hop["jti"]);
        Assert.True(((string?)payload["jti"])!.Length >= 22, "a jti carries at least 128 random bits");
        Assert.Equal(0, issued.Claims.Depth);
    }

    [Fact]
    public void Grant_SignedToken_VerifiesToTheSameClaims()
    {
        var issued = _f.Grant();

        var result = _f.Verifier().Verify(issued.Token);

        Assert.True(result.IsValid, result.ToString());
        Assert.Equal(issued.Claims.Jti, result.Claims.Jti);
        Assert.Equal(issued.Claims.Scope, result.Claims.Scope);
        Assert.Equal(issued.Claims.ExpiresAt, result.Claims.ExpiresAt);
        Assert.Equal(issued.Claims.Actors, result.Claims.Actors);
        Assert.Equal(issued.Claims.Constraints, result.Claims.Constraints);
        Assert.Equal(issued.Claims.Chain, result.Claims.Chain);
    }

    [Fact]
    public void Grant_TwoGrants_HaveDifferentJtis() => Assert.NotEqual(_f.Grant().Claims.Jti, _f.Grant().Claims.Jti);

    [Fact]
    public void Grant_WithPresenter_BindsTheCertificateThumbprint()
    {
        var der = new byte[] { 0x30, 0x03, 0x02, 0x01, 0x01 };
        var issued = _f.Issuer.Grant(_f.GrantRequest() with { PresenterCertificate = der }).Value;

        Assert.Equal(PresenterBinding.Thumbprint(der), (string?)MandateForge.Payload(issued.Token)["cnf"]!["x5t#S256"]);
        Assert.Equal(43, issued.Claims.Thumbprint!.Length);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-60)]
    [InlineData(8 * 3600 + 1)]
    public void Grant_TtlOutsideZeroToEightHours_IsRefused(int seconds)
    {
        var result = _f.Issuer.Grant(_f.GrantRequest() with { Ttl = TimeSpan.FromSeconds(seconds) });

        Assert.Equal(ErrorCodes.TtlTooLong, result.Error?.Code);
    }

    [Fact]
    public void Grant_TtlAboveTheConfiguredCap_IsRefused()
    {
        var issuer = new MandateIssuer(_f.Authority.JwtKey, _f.Authority.TrustDomain, _f.Time, TimeSpan.FromHours(1));

        Assert.Equal(ErrorCodes.TtlTooLong, issuer.Grant(_f.GrantRequest(ttl: TimeSpan.FromMinutes(61))).Error?.Code);
        Assert.True(issuer.Grant(_f.GrantRequest(ttl: TimeSpan.FromMinutes(60))).IsSuccess);
    }

    [Theory]
    [InlineData("spiffe://other.dev/agent/claude-code/webapp", "not in trust domain")]
    [InlineData("spiffe://acme.dev/workload/api", "not an agent")]
    [InlineData("spiffe://acme.dev/agent/claude-code", "not an agent")]
    public void Grant_ToSomethingOtherThanAnAgentOfThisDomain_IsRefused(string agent, string why)
    {
        var result = _f.Issuer.Grant(_f.GrantRequest() with { Agent = MandateFixture.Id(agent) });

        Assert.Equal(ErrorCodes.MandateRequestInvalid, result.Error?.Code);
        Assert.Contains(why, result.Error!.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("jane")]
    [InlineData("@acme.dev")]
    [InlineData("jane@")]
    [InlineData("jane doe@acme.dev")]
    [InlineData("a@b@c")]
    public void Grant_HumanWhoIsNotAnEmailAddress_IsRefused(string email) =>
        Assert.Equal(ErrorCodes.MandateRequestInvalid, _f.Issuer.Grant(_f.GrantRequest() with { HumanEmail = email }).Error?.Code);

    [Fact]
    public void Grant_EmptyPurposeOrTaskOrScope_IsRefused()
    {
        Assert.Equal(ErrorCodes.MandateRequestInvalid, _f.Issuer.Grant(_f.GrantRequest() with { Purpose = " " }).Error?.Code);
        Assert.Equal(ErrorCodes.MandateRequestInvalid, _f.Issuer.Grant(_f.GrantRequest() with { TaskId = "" }).Error?.Code);
        Assert.Equal(ErrorCodes.ScopeInvalid, _f.Issuer.Grant(_f.GrantRequest() with { Scope = Scope.Empty }).Error?.Code);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(MandateFormat.MaxDepthLimit + 1)]
    public void Grant_MaxDepthOutsideTheLimit_IsRefused(int depth) =>
        Assert.Equal(ErrorCodes.MandateRequestInvalid, _f.Issuer.Grant(_f.GrantRequest(maxDepth: depth)).Error?.Code);

    [Fact]
    public void Delegate_NarrowerScope_NestsTheActorsAndAddsOneHop()
    {
        var root = _f.Grant();
        _f.Time.Advance(TimeSpan.FromMinutes(5));

        var child = _f.Delegate(root, MandateFixture.Tester, "fs:read:/src/api/** exec:run:dotnet");
        var payload = MandateForge.Payload(child.Token);

        Assert.Equal(MandateFixture.Tester, (string?)payload["act"]!["sub"]);
        Assert.Equal(MandateFixture.Coder, (string?)payload["act"]!["act"]!["sub"]);
        Assert.Equal("user:jane@acme.dev", (string?)payload["sub"]);
        Assert.Equal(2, MandateForge.Chain(payload).Count);
        var hop = MandateForge.Hop(payload, 1);
        Assert.Equal(MandateFixture.Coder, (string?)hop["delegator"]);
        Assert.Equal(MandateFixture.Tester, (string?)hop["delegatee"]);
        Assert.Equal("fs:read:/src/api/** exec:run:dotnet", (string?)hop["scope"]);
        Assert.Equal(root.Claims.Jti, (string?)MandateForge.Hop(payload, 0)["jti"]);
        Assert.Equal(1, child.Claims.Depth);
        Assert.Equal(root.Claims.Constraints, child.Claims.Constraints);
        Assert.Equal(root.Claims.Task, child.Claims.Task);
        Assert.Equal(_f.Time.GetUtcNow() + MandateIssuer.DefaultDelegationTtl, child.Claims.ExpiresAt);
        Assert.True(_f.Verifier().Verify(child.Token).IsValid);
    }

    [Fact]
    public void Delegate_ScopeWiderThanParent_IsRefused()
    {
        var root = _f.Grant();

        var result = _f.Issuer.Delegate(root.Claims, new MandateDelegation { To = MandateFixture.Id(MandateFixture.Tester), Scope = MandateFixture.S("fs:read:/src/** fs:write:/src/**") });

        Assert.Equal(ErrorCodes.ScopeNotCovered, result.Error?.Code);
        Assert.Contains("'fs:write:/src/**'", result.Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Delegate_WithoutAgentDelegateForTheSubAgentsType_IsRefused()
    {
        var root = _f.Grant("fs:read:/src/** agent:delegate:linter");

        var refused = _f.Issuer.Delegate(root.Claims, new MandateDelegation { To = MandateFixture.Id(MandateFixture.Tester), Scope = MandateFixture.S("fs:read:/src/a") });
        var allowed = _f.Issuer.Delegate(root.Claims, new MandateDelegation { To = MandateFixture.Id(MandateFixture.Linter), Scope = MandateFixture.S("fs:read:/src/a") });

        Assert.Equal(ErrorCodes.DelegationNotPermitted, refused.Error?.Code);
        Assert.Contains("'agent:delegate:test-runner'", refused.Error!.Message, StringComparison.Ordinal);
        Assert.True(allowed.IsSuccess, allowed.Error?.ToString());
    }

    [Fact]
    public void Delegate_BeyondMaxDepth_IsRefused()
    {
        var root = _f.Grant(maxDepth: 1);
        var child = _f.Delegate(root, MandateFixture.Tester, "fs:read:/src/** agent:delegate:**");

        var result = _f.Issuer.Delegate(child.Claims, new MandateDelegation { To = MandateFixture.Id(MandateFixture.Linter), Scope = MandateFixture.S("fs:read:/src/a") });

        Assert.Equal(ErrorCodes.DelegationTooDeep, result.Error?.Code);
        Assert.Equal(ErrorCodes.DelegationTooDeep, _f.Issuer.Delegate(_f.Grant(maxDepth: 0).Claims, new MandateDelegation { To = MandateFixture.Id(MandateFixture.Linter), Scope = MandateFixture.S("fs:read:/src/a") }).Error?.Code);
    }

    [Fact]
    public void Delegate_TtlPastTheParentsExpiry_IsRefused()
    {
        var root = _f.Grant(ttl: TimeSpan.FromMinutes(20));

        var result = _f.Issuer.Delegate(root.Claims, new MandateDelegation { To = MandateFixture.Id(MandateFixture.Tester), Scope = MandateFixture.S("fs:read:/src/a"), Ttl = TimeSpan.FromMinutes(21) });

        Assert.Equal(ErrorCodes.DelegationOutlivesParent, result.Error?.Code);
    }

    [Fact]
    public void Delegate_WithoutTtl_IsCutToWhatTheParentHasLeft()
    {
        var root = _f.Grant(ttl: TimeSpan.FromMinutes(20));
        _f.Time.Advance(TimeSpan.FromMinutes(15));

        var child = _f.Delegate(root, MandateFixture.Tester, "fs:read:/src/a");

        Assert.Equal(root.Claims.ExpiresAt, child.Claims.ExpiresAt);
    }

    [Fact]
    public void Delegate_FromAnExpiredParent_IsRefused()
    {
        var root = _f.Grant(ttl: TimeSpan.FromMinutes(20));
        _f.Time.Advance(TimeSpan.FromMinutes(20));

        var result = _f.Issuer.Delegate(root.Claims, new MandateDelegation { To = MandateFixture.Id(MandateFixture.Tester), Scope = MandateFixture.S("fs:read:/src/a") });

        Assert.Equal(ErrorCodes.MandateExpired, result.Error?.Code);
    }

    [Fact]
    public void Delegate_ToAnAgentOfAnotherTrustDomain_IsRefused()
    {
        var result = _f.Issuer.Delegate(_f.Grant().Claims, new MandateDelegation { To = MandateFixture.Id("spiffe://evil.dev/agent/test-runner/x"), Scope = MandateFixture.S("fs:read:/src/a") });

        Assert.Equal(ErrorCodes.MandateRequestInvalid, result.Error?.Code);
    }

    [Fact]
    public void Delegate_WithPurpose_KeepsTaskIdAndReplacesPurpose()
    {
        var child = _f.Issuer.Delegate(_f.Grant().Claims, new MandateDelegation
        {
            To = MandateFixture.Id(MandateFixture.Tester),
            Scope = MandateFixture.S("fs:read:/src/a"),
            Purpose = "run the auth tests",
        }).Value;

        Assert.Equal(new MandateTask("AUTH-42", "run the auth tests"), child.Claims.Task);
    }

    [Fact]
    public void Delegate_IssuedByAnotherDomain_IsRefused()
    {
        using var other = TestAuthority.Create("other.dev", TestAuthority.Start);
        var foreign = new MandateIssuer(other.JwtKey, other.TrustDomain, _f.Time);

        var result = foreign.Delegate(_f.Grant().Claims, new MandateDelegation { To = MandateFixture.Id("spiffe://other.dev/agent/test-runner/x"), Scope = MandateFixture.S("fs:read:/src/a") });

        Assert.Equal(ErrorCodes.MandateIssuerUntrusted, result.Error?.Code);
    }
}
