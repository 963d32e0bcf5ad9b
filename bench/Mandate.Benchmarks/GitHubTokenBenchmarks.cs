using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using Mandate.Credentials.GitHub;
using Mandate.Credentials.Leases;
using Mandate.Credentials.Tests.GitHub;

namespace Mandate.Benchmarks;

/// <summary>
/// GitHub installation tokens issued per second against the local fake GitHub (issue 7 benchmarks): the app JWT
/// (RS256, 2048-bit key), the HTTP round trip with the server's JWT and request checks, and the token's seal.
/// The JWT alone is the baseline.
/// </summary>
[MemoryDiagnoser]
public class GitHubTokenBenchmarks
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);
    private readonly LeaseRequest _request = new() { Provider = "acme-bot", Parameters = new Dictionary<string, string> { ["repository"] = "acme/api", ["access"] = "write" } };
    private string _dir = "";
    private RSA _key = null!;
    private FakeGitHub _server = null!;
    private GitHubProvider _provider = null!;
    private LeaseGrant _grant = null!;

    [GlobalSetup]
    public void Setup()
    {
        _dir = Directory.CreateTempSubdirectory("bench-github-").FullName;
        _key = RSA.Create(2048);
        var keyPath = Path.Combine(_dir, "app.pem");
        File.WriteAllText(keyPath, _key.ExportRSAPrivateKeyPem());
        var publicKey = RSA.Create();
        publicKey.ImportRSAPublicKey(_key.ExportRSAPublicKey(), out _);
        _server = new FakeGitHub(publicKey, "Iv23liBench", 1);
        _provider = new GitHubProvider("acme-bot", GitHubAppOptions.Create("Iv23liBench", "1", keyPath, _server.ApiUrl).Value, TimeProvider.System);
        _grant = new LeaseGrant("lse_0123456789abcdef0123456789abcdef", "spiffe://acme.dev/agent/claude-code/webapp", "jane@acme.dev", "task", "mdt", Now, Now.AddMinutes(15));
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _provider.Dispose();
        _server.Dispose();
        _key.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    [Benchmark(Baseline = true)]
    public string AppJwt() => GitHubAppJwt.Create(_key, "Iv23liBench", Now);

    [Benchmark]
    public string IssueToken() => _provider.Issue(_request, _grant).Value.Secrets["token"];
}
