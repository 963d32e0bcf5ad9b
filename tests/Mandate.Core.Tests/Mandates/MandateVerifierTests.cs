using System.Security.Cryptography.X509Certificates;
using Mandate.Core.Mandates;
using Mandate.Core.Svid;

namespace Mandate.Core.Tests.Mandates;

/// <summary>The verifier's accepting paths and its options: chains, time with a fake clock, audience, presenter, revocation lists.</summary>
public sealed class MandateVerifierTests : IDisposable
{
    private readonly MandateFixture _f = new();

    public void Dispose() => _f.Dispose();

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(MandateFormat.MaxDepthLimit)]
    public void Verify_ChainOfAcceptedDelegations_IsValidWithTheWholeChain(int hops)
    {
        var mandate = _f.Chain(hops);

        var result = _f.Verifier().Verify(mandate.Token);

        Assert.True(result.IsValid, result.ToString());
        Assert.Equal(hops + 1, result.Claims.Chain.Count);
        Assert.Equal(hops, result.Claims.Depth);
        Assert.Equal(mandate.Claims.Actor, result.Claims.Actor);
        Assert.Equal("user:jane@acme.dev", result.Claims.Chain[0].Delegator);
        Assert.Equal("jane@acme.dev", result.Claims.HumanEmail);
    }

    [Fact]
    public void Verify_UntilExpiryPlusSkew_ThenExpired()
    {
        var mandate = _f.Grant(ttl: TimeSpan.FromMinutes(10));
        var verifier = _f.Verifier();

        _f.Time.Advance(TimeSpan.FromMinutes(10) + MandateVerifier.Skew);
        Assert.True(verifier.Verify(mandate.Token).IsValid);
        _f.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(MandateCheck.Expiry, verifier.Verify(mandate.Token).FailedCheck);
    }

    [Fact]
    public void Verify_ClockBehindTheIssuerWithinSkew_IsValid_BeyondIsNotYetValid()
    {
        var issuerClock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(_f.Time.GetUtcNow() + MandateVerifier.Skew);
        var issuer = new MandateIssuer(_f.Authority.JwtKey, _f.Authority.TrustDomain, issuerClock);
        var withinSkew = issuer.Grant(_f.GrantRequest()).Value;
        issuerClock.Advance(TimeSpan.FromSeconds(1));
        var beyond = issuer.Grant(_f.GrantRequest()).Value;

        Assert.True(_f.Verifier().Verify(withinSkew.Token).IsValid);
        Assert.Equal(MandateCheck.NotBefore, _f.Verifier().Verify(beyond.Token).FailedCheck);
    }

    [Fact]
    public void Verify_AudienceNotAsked_AcceptsAnyAudience()
    {
        var mandate = _f.Issuer.Grant(_f.GrantRequest() with { Audience = "https://api.acme.dev" }).Value;

        Assert.True(_f.Verifier().Verify(mandate.Token).IsValid);
        Assert.True(_f.Verifier().Verify(mandate.Token, new MandateVerificationOptions { Audience = "https://api.acme.dev" }).IsValid);
        Assert.Equal(["https://api.acme.dev"], _f.Verifier().Verify(mandate.Token).Claims!.Audience);
    }

    [Fact]
    public void Verify_BoundMandate_MatchesTheRealPresenterCertificate()
    {
        var svid = new SvidIssuer(_f.Authority, _f.Time).IssueX509(MandateFixture.Id(MandateFixture.Coder + "/session/s1"), TimeSpan.FromHours(1));
        using var certificate = X509Certificate2.CreateFromPem(svid.CertificatePem);
        var mandate = _f.Issuer.Grant(_f.GrantRequest() with { PresenterCertificate = certificate.RawData }).Value;

        var result = _f.Verifier().Verify(mandate.Token, new MandateVerificationOptions { PresenterCertificate = certificate.RawData });

        Assert.True(result.IsValid, result.ToString());
        Assert.Equal(PresenterBinding.Thumbprint(certificate), result.Claims.Thumbprint);
    }

    [Fact]
    public void Verify_BoundMandateWithoutPresenter_IsAcceptedOnlyWhenTheCallerDoesNotRequireIt()
    {
        var mandate = _f.Issuer.Grant(_f.GrantRequest() with { PresenterCertificate = new byte[] { 1, 2, 3 } }).Value;

        Assert.Equal(MandateCheck.PresenterMissing, _f.Verifier().Verify(mandate.Token).FailedCheck);
        Assert.True(_f.Verifier().Verify(mandate.Token, new MandateVerificationOptions { RequirePresenterForBoundMandate = false }).IsValid);
    }

    [Fact]
    public void Verify_UnboundMandateWithAPresenter_IsValid() =>
        Assert.True(_f.Verifier().Verify(_f.Grant().Token, new MandateVerificationOptions { PresenterCertificate = new byte[] { 1 } }).IsValid);

    [Fact]
    public void Verify_WithARevocationList_AsksForEveryJtiOfTheChain()
    {
        var mandate = _f.Chain(3);
        var list = new RecordingRevocationList();

        var result = new MandateVerifier(_f.Bundle, _f.Time, list).Verify(mandate.Token);

        Assert.True(result.IsValid);
        Assert.Equal(mandate.Claims.Chain.Select(h => h.Jti).OrderBy(j => j, StringComparer.Ordinal), list.Asked.OrderBy(j => j, StringComparer.Ordinal));
        list.Revoked.Add(mandate.Claims.Chain[1].Jti);
        Assert.Equal(MandateCheck.Revocation, new MandateVerifier(_f.Bundle, _f.Time, list).Verify(mandate.Token).FailedCheck);
    }

    [Fact]
    public void Verify_BundleOfAnotherTrustDomain_RejectsByKey()
    {
        using var other = Tests.Svid.TestAuthority.Create("other.dev", Tests.Svid.TestAuthority.Start);

        Assert.Equal(MandateCheck.Key, new MandateVerifier(other.Bundle(1), _f.Time).Verify(_f.Grant().Token).FailedCheck);
    }

    [Fact]
    public void Verify_Result_NamesCheckCodeAndFix()
    {
        var result = _f.Verifier().Verify("not a token");

        Assert.False(result.IsValid);
        Assert.Equal(MandateCheck.Format, result.FailedCheck);
        Assert.Equal("MDT2010", result.Error.Code);
        Assert.NotEmpty(result.Error.Fix);
        Assert.Contains("MDT2010 Format", result.ToString(), StringComparison.Ordinal);
    }

    private sealed class RecordingRevocationList : IRevocationList
    {
        public List<string> Asked { get; } = [];

        public HashSet<string> Revoked { get; } = [];

        public bool IsRevoked(string jti)
        {
            Asked.Add(jti);
            return Revoked.Contains(jti);
        }
    }
}
