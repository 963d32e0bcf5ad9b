using System.Formats.Asn1;
using System.Security.Cryptography.X509Certificates;
using Mandate.Core.Svid;
using Microsoft.Extensions.Time.Testing;

namespace Mandate.Core.Tests.Svid;

/// <summary>X.509-SVID issuance against the SPIFFE X509-SVID spec §4 (leaf certificates).</summary>
public sealed class X509SvidIssuanceTests : IDisposable
{
    private const string AgentId = "spiffe://acme.dev/agent/claude-code/webapp";
    private readonly FakeTimeProvider _time = new(TestAuthority.Start);
    private readonly Authority _authority = TestAuthority.Create("acme.dev", TestAuthority.Start);

    public void Dispose() => _authority.Dispose();

    [Fact]
    public void Issue_HasExactlyOneSubjectAltName_AUri_ThatIsTheSpiffeId()
    {
        using var leaf = Issue(TimeSpan.FromHours(1));

        var sans = leaf.Extensions.Where(e => e.Oid?.Value == "2.5.29.17").ToList();
        var san = Assert.Single(sans);
        var names = GeneralNames(san.RawData);
        var (tag, value) = Assert.Single(names);
        Assert.Equal(6, tag); // uniformResourceIdentifier
        Assert.Equal(AgentId, value);
    }

    [Fact]
    public void Issue_IsNotACa()
    {
        using var leaf = Issue(TimeSpan.FromHours(1));

        var basic = Assert.Single(leaf.Extensions.OfType<X509BasicConstraintsExtension>());
        Assert.False(basic.CertificateAuthority);
        Assert.True(basic.Critical);
    }

    [Fact]
    public void Issue_KeyUsage_IsCriticalDigitalSignature_WithoutKeyCertSignOrCrlSign()
    {
        using var leaf = Issue(TimeSpan.FromHours(1));

        var usage = Assert.Single(leaf.Extensions.OfType<X509KeyUsageExtension>());
        Assert.True(usage.Critical);
        Assert.True(usage.KeyUsages.HasFlag(X509KeyUsageFlags.DigitalSignature));
        Assert.False(usage.KeyUsages.HasFlag(X509KeyUsageFlags.KeyCertSign));
        Assert.False(usage.KeyUsages.HasFlag(X509KeyUsageFlags.CrlSign));
    }

    [Fact]
    public void Issue_ChainsToTheCa_AtIssueTime()
    {
        using var leaf = Issue(TimeSpan.FromHours(1));

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(_authority.Ca.Certificate);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = _time.GetUtcNow().UtcDateTime;
        chain.ChainPolicy.VerificationTimeIgnored = false;

        Assert.True(chain.Build(leaf), string.Join(", ", chain.ChainStatus.Select(s => s.Status)));
        Assert.Equal(2, chain.ChainElements.Count);
        Assert.Equal(_authority.Ca.Certificate.Thumbprint, chain.ChainElements[1].Certificate.Thumbprint);
    }

    [Fact]
    public void Issue_DoesNotChainToAnotherTrustDomainsCa()
    {
        using var other = TestAuthority.Create("other.dev", TestAuthority.Start);
        using var leaf = Issue(TimeSpan.FromHours(1));

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(other.Ca.Certificate);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = _time.GetUtcNow().UtcDateTime;

        Assert.False(chain.Build(leaf));
    }

    [Theory]
    [InlineData(60)]
    [InlineData(3600)]
    [InlineData(86400)]
    public void Issue_ValidityIsExactlyTheTtl_FromNow(int ttlSeconds)
    {
        _time.Advance(TimeSpan.FromMinutes(7));
        var svid = new SvidIssuer(_authority, _time).IssueX509(TestAuthority.Id(AgentId), TimeSpan.FromSeconds(ttlSeconds));
        using var leaf = X509Certificate2.CreateFromPem(svid.CertificatePem);

        var now = _time.GetUtcNow();
        Assert.Equal(now.UtcDateTime, leaf.NotBefore.ToUniversalTime());
        Assert.Equal((now + TimeSpan.FromSeconds(ttlSeconds)).UtcDateTime, leaf.NotAfter.ToUniversalTime());
        Assert.Equal(now + TimeSpan.FromSeconds(ttlSeconds), svid.ExpiresAt);
    }

    [Fact]
    public void Issue_NeverOutlivesTheCa()
    {
        var svid = new SvidIssuer(_authority, _time).IssueX509(TestAuthority.Id(AgentId), TimeSpan.FromDays(400));
        using var leaf = X509Certificate2.CreateFromPem(svid.CertificatePem);

        Assert.True(leaf.NotAfter <= _authority.Ca.Certificate.NotAfter);
    }

    [Fact]
    public void Issue_PrivateKeyMatchesTheCertificate_AndSerialsAreUnique()
    {
        var issuer = new SvidIssuer(_authority, _time);
        var a = issuer.IssueX509(TestAuthority.Id(AgentId), TimeSpan.FromHours(1));
        var b = issuer.IssueX509(TestAuthority.Id(AgentId), TimeSpan.FromHours(1));

        using var cert = X509Certificate2.CreateFromPem(a.CertificatePem, a.PrivateKeyPem);
        using var key = cert.GetECDsaPrivateKey();
        Assert.NotNull(key);
        Assert.Equal(256, key.KeySize);
        Assert.NotEqual(a.SerialNumber, b.SerialNumber);
        Assert.Equal(_authority.Ca.ExportCertificatePem().Trim(), a.BundlePem.Trim());
    }

    [Fact]
    public void Ca_IsASelfSignedRootWhoseOnlyUriIsTheTrustDomain()
    {
        var ca = _authority.Ca.Certificate;

        Assert.Equal(ca.SubjectName.RawData, ca.IssuerName.RawData);
        Assert.True(Assert.Single(ca.Extensions.OfType<X509BasicConstraintsExtension>()).CertificateAuthority);
        var usage = Assert.Single(ca.Extensions.OfType<X509KeyUsageExtension>());
        Assert.True(usage.KeyUsages.HasFlag(X509KeyUsageFlags.KeyCertSign));
        var (tag, uri) = Assert.Single(GeneralNames(ca.Extensions.Single(e => e.Oid?.Value == "2.5.29.17").RawData));
        Assert.Equal(6, tag);
        Assert.Equal("spiffe://acme.dev", uri);
        using var key = ca.GetECDsaPublicKey();
        Assert.Equal(256, key!.KeySize);
    }

    private X509Certificate2 Issue(TimeSpan ttl) =>
        X509Certificate2.CreateFromPem(new SvidIssuer(_authority, _time).IssueX509(TestAuthority.Id(AgentId), ttl).CertificatePem);

    /// <summary>Every GeneralName in a SubjectAltName extension, as (context tag, text or hex).</summary>
    private static List<(int Tag, string Value)> GeneralNames(byte[] extension)
    {
        var names = new List<(int, string)>();
        var reader = new AsnReader(extension, AsnEncodingRules.DER).ReadSequence();
        while (reader.HasData)
        {
            var tag = reader.PeekTag();
            if (tag is { TagClass: TagClass.ContextSpecific, TagValue: 6 })
            {
                names.Add((6, reader.ReadCharacterString(UniversalTagNumber.IA5String, tag)));
            }
            else
            {
                names.Add((tag.TagValue, Convert.ToHexString(reader.ReadEncodedValue().Span)));
            }
        }

        return names;
    }
}
