using FsCheck.Xunit;
using Mandate.Core.Errors;
using Mandate.Core.Mandates;

namespace Mandate.Core.Tests.Mandates;

/// <summary>
/// Issue 5's chain law: a random chain built only from accepted delegations never widens. Each step
/// proposes a scope (narrowings of the parent's capabilities mixed with random ones); every accepted
/// child is covered by its parent and by the human's grant and verifies, and every refusal is right.
/// </summary>
public sealed class DelegationChainPropertyTests
{
    private const string RootScope = "fs:read:** fs:write:/a/** net:connect:**:443 agent:delegate:**";

    [Property(MaxTest = 60, Arbitrary = [typeof(ScopeArbitraries)])]
    public void Delegate_RandomChainOfAcceptedDelegations_NeverWidens(Capability a, Capability b, Capability c, int seed)
    {
        using var f = new MandateFixture();
        var random = new Random(seed);
        var root = f.Grant(RootScope + " " + a, maxDepth: 4);
        var current = root;
        Capability[] strangers = [a, b, c, Capability.Parse("exec:run:curl").Value];
        string[] agents = [MandateFixture.Tester, MandateFixture.Linter, MandateFixture.Coder];
        for (var step = 0; step < 4; step++)
        {
            f.Time.Advance(TimeSpan.FromSeconds(random.Next(1, 120)));
            var proposal = Propose(current.Claims.Scope, strangers, random);
            var to = agents[random.Next(agents.Length)];

            var child = f.Issuer.Delegate(current.Claims, new MandateDelegation { To = MandateFixture.Id(to), Scope = proposal });

            if (!child.IsSuccess)
            {
                AssertRefusalIsRight(current.Claims, proposal, child.Error);
                continue;
            }

            Assert.True(current.Claims.Scope.Covers(child.Value.Claims.Scope), $"{current.Claims.Scope} ⊒ {child.Value.Claims.Scope}");
            Assert.True(root.Claims.Scope.Covers(child.Value.Claims.Scope), $"root {root.Claims.Scope} ⊒ {child.Value.Claims.Scope}");
            Assert.True(child.Value.Claims.ExpiresAt <= current.Claims.ExpiresAt);
            AssertRootMatchesWhatTheChildMatches(root.Claims.Scope, child.Value.Claims.Scope, random);
            var verified = f.Verifier().Verify(child.Value.Token);
            Assert.True(verified.IsValid, verified.ToString());
            for (var i = 1; i < verified.Claims.Chain.Count; i++)
            {
                Assert.True(verified.Claims.Chain[i - 1].Scope.Covers(verified.Claims.Chain[i].Scope));
            }

            current = child.Value;
        }
    }

    private static Scope Propose(Scope parent, Capability[] strangers, Random random)
    {
        var picked = new List<Capability>();
        foreach (var capability in parent.Capabilities)
        {
            if (random.Next(3) > 0)
            {
                picked.Add(random.Next(2) == 0 ? capability : ScopeArbitraries.Narrow(capability, random.Next()));
            }
        }

        if (random.Next(3) == 0)
        {
            picked.Add(strangers[random.Next(strangers.Length)]);
        }

        return Scope.Parse(string.Join(' ', picked.Count == 0 ? [strangers[0]] : picked)).Value;
    }

    /// <summary>Not by <c>Covers</c> (the law under test) but on concrete targets: whatever the child may touch, the human's grant allows.</summary>
    private static void AssertRootMatchesWhatTheChildMatches(Scope root, Scope child, Random random)
    {
        foreach (var capability in child.Capabilities)
        {
            for (var i = 0; i < 5; i++)
            {
                var target = ScopePropertyTests.Expand(capability.Pattern, random);
                Assert.Contains(root.Capabilities, c => c.Kind == capability.Kind && c.Verb == capability.Verb && c.Pattern.IsMatch(target));
            }
        }
    }

    private static void AssertRefusalIsRight(MandateClaims parent, Scope proposal, MandateError error)
    {
        switch (error.Code)
        {
            case ErrorCodes.ScopeNotCovered:
                Assert.False(parent.Scope.Covers(proposal));
                Assert.Contains($"'{parent.Scope.Uncovered(proposal)}'", error.Message, StringComparison.Ordinal);
                break;
            case ErrorCodes.DelegationNotPermitted:
                Assert.DoesNotContain(parent.Scope.Capabilities, c => c.Kind == "agent" && c.Target == "**");
                break;
            default:
                Assert.Fail($"unexpected refusal {error}");
                break;
        }
    }
}
