using Mandate.Core.Identity;
using Mandate.Core.Mandates;
using Mandate.Core.Svid;
using Mandate.Core.Tests.Svid;
using Microsoft.Extensions.Time.Testing;

namespace Mandate.Core.Tests.Mandates;

/// <summary>A trust domain with keys generated for one test, a fake clock, an issuer and a verifier.</summary>
internal sealed class MandateFixture : IDisposable
{
    public const string Human = "jane@acme.dev";
    public const string Coder = "spiffe://acme.dev/agent/claude-code/webapp";
    public const string Tester = "spiffe://acme.dev/agent/test-runner/webapp";
    public const string Linter = "spiffe://acme.dev/agent/linter/webapp";
    public const string RootScope =
        "fs:read:/src/** fs:write:/src/api/** exec:run:dotnet exec:run:git net:connect:*.nuget.org:443 agent:delegate:**";

    public MandateFixture()
    {
        Authority = TestAuthority.Create("acme.dev", TestAuthority.Start);
        Issuer = new MandateIssuer(Authority.JwtKey, Authority.TrustDomain, Time);
    }

    public FakeTimeProvider Time { get; } = new(TestAuthority.Start);

    public Authority Authority { get; }

    public MandateIssuer Issuer { get; }

    public HashSet<string> Revoked { get; } = [];

    public TrustBundle Bundle => Authority.Bundle(1);

    public MandateVerifier Verifier() => new(Bundle, Time, Revoked.Contains);

    public static Scope S(string text) => Scope.Parse(text).Value;

    public static SpiffeId Id(string id) => SpiffeId.Parse(id).Value;

    public MandateGrant GrantRequest(string scope = RootScope, int maxDepth = 2, TimeSpan? ttl = null) => new()
    {
        HumanEmail = Human,
        Agent = Id(Coder),
        TaskId = "AUTH-42",
        Purpose = "refactor the auth module",
        Scope = S(scope),
        Ttl = ttl ?? TimeSpan.FromHours(2),
        MaxDepth = maxDepth,
        Ask = Scope.Parse("repo:push:github.com/acme/**", allowEmpty: true).Value,
    };

    public IssuedMandate Grant(string scope = RootScope, int maxDepth = 2, TimeSpan? ttl = null)
    {
        var issued = Issuer.Grant(GrantRequest(scope, maxDepth, ttl));
        Assert.True(issued.IsSuccess, issued.Error?.ToString());
        return issued.Value;
    }

    public IssuedMandate Delegate(IssuedMandate parent, string to, string scope, TimeSpan? ttl = null)
    {
        var issued = Issuer.Delegate(parent.Claims, new MandateDelegation { To = Id(to), Scope = S(scope), Ttl = ttl });
        Assert.True(issued.IsSuccess, issued.Error?.ToString());
        return issued.Value;
    }

    /// <summary>A chain of <paramref name="hops"/> re-delegations, one minute apart, each narrower than the last.</summary>
    public IssuedMandate Chain(int hops)
    {
        var current = Grant(RootScope + " fs:read:/docs/**", maxDepth: Math.Max(hops, 0));
        string[] agents = [Tester, Linter];
        for (var i = 0; i < hops; i++)
        {
            Time.Advance(TimeSpan.FromMinutes(1));
            current = Delegate(current, agents[i % 2], "fs:read:/src/** exec:run:git agent:delegate:**");
        }

        return current;
    }

    public void Dispose() => Authority.Dispose();
}
