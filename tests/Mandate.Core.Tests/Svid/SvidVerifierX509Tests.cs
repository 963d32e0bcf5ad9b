using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Mandate.Core.Errors;
using Mandate.Core.Svid;
using Microsoft.Extensions.Time.Testing;

namespace Mandate.Core.Tests.Svid;

public sealed class SvidVerifierX509Tests : IDisposable
{
    private const string Sub = "spiffe://acme.dev/agent/claude-code/webapp";
    private readonly FakeTimeProvider _time = new(TestAuthority.Start);
    private readonly Authority _authority = TestAuthority.Create("acme.dev", TestAuthority.Start);

    public void Dispose() => _authority.Dispose();

    [Fact]
    public void Verify_IssuedX509Svid_IsAccepted()
    {
        var svid = Issue(TimeSpan.FromHours(1));

        var result = Verifier().Verify(svid.CertificatePem, null);

        Assert.True(result.IsSuccess, result.Error?.Message);
        Assert.Equal("x509-svid", result.Value.Kind);
        Assert.Equal(Sub, result.Value.SpiffeId);
        Assert.Equal(svid.ExpiresAt, result.Value.ExpiresAt);
    }

    [Fact]
    public void Verify_ExpiredX509Svid_IsRejected()
    {
        var svid = Issue(TimeSpan.FromHours(1));
        _time.Advance(TimeSpan.FromHours(1) + SvidVerifier.Skew + TimeSpan.FromSeconds(1));

        var result = Verifier().Verify(svid.CertificatePem, null);

        Assert.Equal(ErrorCodes.SvidExpired, result.Error?.Code);
    }

    [Fact]
    public void Verify_JustExpiredWithinTheSkew_IsStillAccepted_AsAJwtSvidIs()
    {
        var svid = Issue(TimeSpan.FromHours(1));
        _time.Advance(TimeSpan.FromHours(1) + SvidVerifier.Skew);

        var result = Verifier().Verify(svid.CertificatePem, null);

        Assert.True(result.IsSuccess, result.Error?.Message);
    }

    [Fact]
    public void Verify_IssuedByAClockAheadWithinTheSkew_IsAccepted()
    {
        var svid = new SvidIssuer(_authority, new FakeTimeProvider(TestAuthority.Start + SvidVerifier.Skew))
            .IssueX509(TestAuthority.Id(Sub), TimeSpan.FromHours(1));

        var result = Verifier().Verify(svid.CertificatePem, null);

        Assert.True(result.IsSuccess, result.Error?.Message);
    }

    [Fact]
    public void Verify_Rejection_SaysWhatToDoForItsOwnCause()
    {
        var svid = Issue(TimeSpan.FromHours(1));
        var late = new SvidIssuer(_authority, new FakeTimeProvider(TestAuthority.Start + TimeSpan.FromHours(2)))
            .IssueX509(TestAuthority.Id(Sub), TimeSpan.FromHours(1));

        var notYet = Verifier().Verify(late.CertificatePem, null);
        _time.Advance(TimeSpan.FromHours(2));
        var expired = Verifier().Verify(svid.CertificatePem, null);

        Assert.Contains("clock", notYet.Error?.Fix, StringComparison.Ordinal);
        Assert.Contains("fresh SVID", expired.Error?.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_NotYetValidX509Svid_IsRejected()
    {
        var svid = new SvidIssuer(_authority, new FakeTimeProvider(TestAuthority.Start + TimeSpan.FromHours(2)))
            .IssueX509(TestAuthority.Id(Sub), TimeSpan.FromHours(1));

        var result = Verifier().Verify(svid.CertificatePem, null);

        Assert.Equal(ErrorCodes.SvidNotYetValid, result.Error?.Code);
    }

    [Fact]
    public void Verify_AnotherTrustDomainsSvid_IsRejected()
    {
        using var other = TestAuthority.Create("other.dev", TestAuthority.Start);
        var svid = new SvidIssuer(other, _time).IssueX509(TestAuthority.Id("spiffe://other.dev/agent/x/y"), TimeSpan.FromHours(1));

        var result = Verifier().Verify(svid.CertificatePem, null);

        Assert.Equal(ErrorCodes.SvidUntrusted, result.Error?.Code);
        Assert.Contains("other.dev", result.Error?.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_SameNameSignedByAnotherCa_IsRejected()
    {
        using var impostor = TestAuthority.Create("acme.dev", TestAuthority.Start);
        var svid = new SvidIssuer(impostor, _time).IssueX509(TestAuthority.Id(Sub), TimeSpan.FromHours(1));

        var result = Verifier().Verify(svid.CertificatePem, null);

        Assert.Equal(ErrorCodes.SvidUntrusted, result.Error?.Code);
        Assert.Contains("does not chain", result.Error?.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_TheCaCertificateAsALeaf_IsRejected()
    {
        var result = Verifier().Verify(_authority.Ca.ExportCertificatePem(), null);

        Assert.Equal(ErrorCodes.SvidInvalid, result.Error?.Code);
    }

    [Fact]
    public void Verify_LeafWithTwoUriSans_IsRejected()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=two", key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddUri(new Uri(Sub));
        san.AddUri(new Uri("spiffe://acme.dev/agent/admin/all"));
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        using var cert = request.CreateSelfSigned(TestAuthority.Start, TestAuthority.Start.AddHours(1));

        var result = Verifier().Verify(cert.ExportCertificatePem(), null);

        Assert.Equal(ErrorCodes.SvidInvalid, result.Error?.Code);
        Assert.Contains("exactly one URI SAN", result.Error?.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_LeafWithAMalformedSubjectAltName_IsRejectedNotThrown()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=bad-san", key, HashAlgorithmName.SHA256);
        // A SEQUENCE that claims five bytes and holds one.
        request.CertificateExtensions.Add(new X509Extension("2.5.29.17", [0x30, 0x05, 0x86], false));
        using var cert = request.CreateSelfSigned(TestAuthority.Start, TestAuthority.Start.AddHours(1));

        var result = Verifier().Verify(cert.ExportCertificatePem(), null);

        Assert.Equal(ErrorCodes.SvidMalformed, result.Error?.Code);
    }

    [Theory]
    [InlineData("-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----\n")]
    [InlineData("-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n")]
    public void Verify_BrokenPem_IsRejected(string pem)
    {
        var result = Verifier().Verify(pem, null);

        Assert.False(result.IsSuccess);
        Assert.Equal(ErrorCodes.SvidMalformed, result.Error.Code);
    }

    private SvidVerifier Verifier() => new(_authority.Bundle(1), _time);

    private X509Svid Issue(TimeSpan ttl) => new SvidIssuer(_authority, _time).IssueX509(TestAuthority.Id(Sub), ttl);
}
