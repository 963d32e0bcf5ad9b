using BenchmarkDotNet.Attributes;
using Mandate.Core.Identity;
using Mandate.Core.Jose;
using Mandate.Core.Svid;

namespace Mandate.Benchmarks;

/// <summary>Issue 2's goal on the 2-core machine: at least 2,000 X.509-SVIDs/s and 10,000 JWT-SVIDs/s on one thread.</summary>
[MemoryDiagnoser]
public class SvidIssuanceBenchmarks
{
    private Authority _authority = null!;
    private SvidIssuer _issuer = null!;
    private SpiffeId _id = null!;
    private string _jwt = null!;
    private SvidVerifier _verifier = null!;
    private byte[] _publicKey = null!;

    [GlobalSetup]
    public void Setup()
    {
        var td = TrustDomain.Parse("acme.dev").Value;
        _authority = new Authority(td, CertificateAuthority.Create(td, TimeProvider.System.GetUtcNow(), TimeSpan.FromDays(365)), SigningKey.Generate());
        _issuer = new SvidIssuer(_authority, TimeProvider.System);
        _id = SpiffeId.Parse("spiffe://acme.dev/agent/claude-code/webapp/session/s1").Value;
        _jwt = _issuer.IssueJwt(_id, "https://api.acme.dev", TimeSpan.FromMinutes(5)).Value.Token;
        _verifier = new SvidVerifier(_authority.Bundle(1), TimeProvider.System);
        using var key = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        _publicKey = key.ExportSubjectPublicKeyInfo();
    }

    [GlobalCleanup]
    public void Cleanup() => _authority.Dispose();

    [Benchmark(Baseline = true)]
    public string IssueJwtSvid() => _issuer.IssueJwt(_id, "https://api.acme.dev", TimeSpan.FromMinutes(5)).Value.Token;

    [Benchmark]
    public string IssueX509Svid() => _issuer.IssueX509(_id, TimeSpan.FromHours(1)).CertificatePem;

    /// <summary>Signing for a key the workload already holds (as a CSR gives SPIRE): no key generation.</summary>
    [Benchmark]
    public string SignX509SvidForKey()
    {
        var now = TimeProvider.System.GetUtcNow();
        return _authority.Ca.SignLeaf(_id, _publicKey, now, now.AddHours(1)).Pem;
    }

    [Benchmark]
    public bool VerifyJwtSvid() => _verifier.VerifyJwt(_jwt, "https://api.acme.dev").IsSuccess;
}
