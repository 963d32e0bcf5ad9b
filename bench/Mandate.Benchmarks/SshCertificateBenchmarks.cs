using BenchmarkDotNet.Attributes;
using Mandate.Credentials.Leases;
using Mandate.Credentials.Ssh;

namespace Mandate.Benchmarks;

/// <summary>
/// Issue 7's goal: an SSH certificate in at most 5 ms. The provider's whole Issue (request checks, key id,
/// certificate body, Ed25519 signature, line), for the user's own key and with a key pair generated for the lease.
/// </summary>
[MemoryDiagnoser]
public class SshCertificateBenchmarks
{
    private SshCertificateAuthority _ca = null!;
    private SshProvider _provider = null!;
    private LeaseRequest _withKey = null!;
    private LeaseRequest _generateKey = null!;
    private LeaseGrant _grant = null!;
    private string _directory = null!;

    [GlobalSetup]
    public void Setup()
    {
        _directory = Directory.CreateTempSubdirectory("mandate-bench-ssh-").FullName;
        _ca = SshCertificateAuthority.FromSeed(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32), "mandate-ssh-ca@acme.dev");
        _provider = new SshProvider(_ca, new SshOptions { SourceAddress = "10.0.0.0/8" }, new SshRevocationList(_directory, _ca.PublicKey, TimeProvider.System));
        var userKey = SshProvider.GenerateKey("jane@laptop").PublicKey.ToLine();
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal) { ["principal"] = "deploy", ["host"] = "db1.prod.acme.dev" };
        _generateKey = new LeaseRequest { Provider = SshProvider.ProviderName, Parameters = parameters };
        _withKey = _generateKey with { Parameters = new Dictionary<string, string>(parameters, StringComparer.Ordinal) { ["public_key"] = userKey } };
        var now = TimeProvider.System.GetUtcNow();
        _grant = new LeaseGrant("lse_" + new string('a', 32), "spiffe://acme.dev/agent/claude-code/webapp/session/s1", "jane@acme.dev", "t-42", "mdt_x", now, now.AddMinutes(5));
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _ca.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Benchmark(Baseline = true)]
    public IssuedCredential ForTheUsersPublicKey() => _provider.Issue(_withKey, _grant).Value;

    [Benchmark]
    public IssuedCredential WithAGeneratedKeyPair() => _provider.Issue(_generateKey, _grant).Value;
}
