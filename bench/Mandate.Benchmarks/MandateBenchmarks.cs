using BenchmarkDotNet.Attributes;
using Mandate.Core.Identity;
using Mandate.Core.Jose;
using Mandate.Core.Mandates;
using Mandate.Core.Svid;

namespace Mandate.Benchmarks;

/// <summary>
/// Issue 5's goals: at least 5,000 grants/s, and verifying a 5-hop mandate within 1.2× of one ES256
/// signature check (the baseline). Only the outer signature is checked; the chain is claims.
/// </summary>
[MemoryDiagnoser]
public class MandateBenchmarks
{
    private const string Coder = "spiffe://acme.dev/agent/claude-code/webapp";
    private SigningKey _key = null!;
    private MandateIssuer _issuer = null!;
    private MandateVerifier _verifier = null!;
    private MandateGrant _grant = null!;
    private MandateDelegation _delegation = null!;
    private IssuedMandate _root = null!;
    private string _oneHop = null!;
    private string _fiveHops = null!;
    private byte[] _signingInput = null!;
    private byte[] _signature = null!;

    [GlobalSetup]
    public void Setup()
    {
        var td = TrustDomain.Parse("acme.dev").Value;
        _key = SigningKey.Generate();
        _issuer = new MandateIssuer(_key, td, TimeProvider.System);
        _verifier = new MandateVerifier(new TrustBundle(td, [], [_key], 1), TimeProvider.System, static _ => false);
        _grant = new MandateGrant
        {
            HumanEmail = "jane@acme.dev",
            Agent = SpiffeId.Parse(Coder).Value,
            TaskId = "AUTH-42",
            Purpose = "refactor the auth module",
            Scope = Scope.Parse("fs:read:/src/** fs:write:/src/api/** exec:run:dotnet exec:run:git net:connect:*.nuget.org:443 agent:delegate:**").Value,
            Ttl = TimeSpan.FromHours(2),
            MaxDepth = 5,
        };
        _delegation = new MandateDelegation
        {
            To = SpiffeId.Parse("spiffe://acme.dev/agent/test-runner/webapp").Value,
            Scope = Scope.Parse("fs:read:/src/** exec:run:git agent:delegate:**").Value,
        };
        _root = _issuer.Grant(_grant).Value;
        var current = _issuer.Delegate(_root.Claims, _delegation).Value;
        _oneHop = current.Token;
        for (var i = 1; i < 5; i++)
        {
            current = _issuer.Delegate(current.Claims, _delegation with
            {
                Scope = Scope.Parse(i < 4 ? "fs:read:/src/** exec:run:git agent:delegate:**" : "fs:read:/src/api/** exec:run:git").Value,
            }).Value;
        }

        _fiveHops = current.Token;
        if (!_verifier.Verify(_oneHop).IsValid || !_verifier.Verify(_fiveHops).IsValid)
        {
            throw new InvalidOperationException("The benchmark's mandates do not verify.");
        }

        var parts = _fiveHops.Split('.');
        _signingInput = System.Text.Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]);
        _signature = System.Buffers.Text.Base64Url.DecodeFromChars(parts[2]);
    }

    [GlobalCleanup]
    public void Cleanup() => _key.Dispose();

    /// <summary>One ES256 signature check over the 5-hop mandate's signing input: the floor for any verification.</summary>
    [Benchmark(Baseline = true)]
    public bool Es256SignatureCheck() => _key.Verify(_signingInput, _signature);

    [Benchmark]
    public bool Verify1Hop() => _verifier.Verify(_oneHop).IsValid;

    [Benchmark]
    public bool Verify5Hops() => _verifier.Verify(_fiveHops).IsValid;

    [Benchmark]
    public string Grant() => _issuer.Grant(_grant).Value.Token;

    [Benchmark]
    public string Delegate() => _issuer.Delegate(_root.Claims, _delegation).Value.Token;
}
