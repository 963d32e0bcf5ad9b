using Mandate.Core.Mandates;

namespace Mandate.Core.Tests.Mandates;

/// <summary>Attacks on the delegation chain, each re-signed with the real key so only the chain is wrong.</summary>
internal static partial class MandateAttacks
{
    private static IEnumerable<MandateAttack> Chain() =>
    [
        A("chain entry widening scope", MandateCheck.ChainScope, k => k.Resign(k.Child, p =>
        {
            p["scope"] = "fs:read:/src/** fs:write:/etc/**";
            MandateForge.Hop(p, 1)["scope"] = "fs:read:/src/** fs:write:/etc/**";
        })),
        A("chain entry widening a glob", MandateCheck.ChainScope, k => k.Resign(k.Grandchild, p =>
        {
            p["scope"] = "fs:read:/**/api/**";
            MandateForge.Hop(p, 2)["scope"] = "fs:read:/**/api/**";
        })),
        A("chain extending expiry", MandateCheck.ChainExpiry, k => k.Resign(k.Grandchild, p =>
        {
            var later = (long)MandateForge.Hop(p, 1)["exp"]! + 600;
            p["exp"] = later;
            MandateForge.Hop(p, 2)["exp"] = later;
        })),
        A("root hop expiring before its child", MandateCheck.ChainExpiry, k => k.Resign(k.Child, p => MandateForge.Hop(p, 0)["exp"] = (long)p["exp"]! - 1)),
        A("chain out of order", MandateCheck.ChainOrder, k => k.Resign(k.Grandchild, p => MandateForge.Hop(p, 1)["iat"] = (long)p["iat"]! + 30)),
        A("hop expiring before it was issued", MandateCheck.ChainOrder, k => k.Resign(k.Child, p => MandateForge.Hop(p, 0)["iat"] = (long)MandateForge.Hop(p, 0)["exp"]! + 1)),
        A("depth over the limit", MandateCheck.ChainDepth, k => k.Resign(k.Child, p => p["constraints"]!["max_depth"] = 0)),
        A("three hops under max_depth 1", MandateCheck.ChainDepth, k => k.Resign(k.Grandchild, p => p["constraints"]!["max_depth"] = 1)),
        A("act and chain disagree", MandateCheck.ChainActors, k => k.Resign(k.Child, p => p["act"]!["sub"] = MandateFixture.Linter)),
        A("act missing the previous actor", MandateCheck.ChainActors, k => k.Resign(k.Child, p => p["act"]!.AsObject().Remove("act"))),
        A("act nesting in reverse order", MandateCheck.ChainActors, k => k.Resign(k.Child, p =>
        {
            p["act"]!["sub"] = MandateFixture.Coder;
            p["act"]!["act"]!["sub"] = MandateFixture.Tester;
        })),
        A("first delegator is not the human in sub", MandateCheck.ChainActors, k => k.Resign(k.Root, p => p["sub"] = "user:eve@evil.dev")),
        A("delegator is not the previous delegatee", MandateCheck.ChainActors, k => k.Resign(k.Grandchild, p => MandateForge.Hop(p, 2)["delegator"] = MandateFixture.Coder)),
        A("delegatee of another trust domain", MandateCheck.ChainActors, k => k.Resign(k.Child, p =>
        {
            p["act"]!["sub"] = "spiffe://evil.dev/agent/test-runner/x";
            MandateForge.Hop(p, 1)["delegatee"] = "spiffe://evil.dev/agent/test-runner/x";
        })),
        A("delegatee that is not an agent", MandateCheck.ChainActors, k => k.Resign(k.Child, p =>
        {
            p["act"]!["sub"] = "spiffe://acme.dev/workload/billing";
            MandateForge.Hop(p, 1)["delegatee"] = "spiffe://acme.dev/workload/billing";
        })),
        A("last hop belongs to another token", MandateCheck.ChainLink, k => k.Resign(k.Child, p => p["jti"] = "c29tZS1vdGhlci10b2tlbg")),
        A("token scope wider than its last hop", MandateCheck.ChainLink, k => k.Resign(k.Child, p => p["scope"] = "fs:read:/src/** exec:run:git exec:run:curl")),
        A("token expiry later than its last hop", MandateCheck.ChainLink, k => k.Resign(k.Child, p => p["exp"] = (long)p["exp"]! + 60)),
        A("jti repeated along the chain", MandateCheck.ChainLink, k => k.Resign(k.Child, p => MandateForge.Hop(p, 0)["jti"] = (string?)p["jti"])),
        A("delegation without agent:delegate", MandateCheck.ChainDelegation, k => k.Resign(k.Child, p =>
        {
            MandateForge.Hop(p, 0)["scope"] = "fs:read:/src/** exec:run:git";
            MandateForge.Hop(p, 1)["scope"] = "fs:read:/src/** exec:run:git";
            p["scope"] = "fs:read:/src/** exec:run:git";
        })),
        A("delegation to a type not granted", MandateCheck.ChainDelegation, k => k.Resign(k.Child, p =>
        {
            MandateForge.Hop(p, 0)["scope"] = "fs:read:/src/** exec:run:git agent:delegate:linter";
            MandateForge.Hop(p, 1)["scope"] = "fs:read:/src/**";
            p["scope"] = "fs:read:/src/**";
        })),
    ];
}
