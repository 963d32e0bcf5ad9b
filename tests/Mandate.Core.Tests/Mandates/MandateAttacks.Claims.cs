using System.Text.Json.Nodes;
using Mandate.Core.Mandates;

namespace Mandate.Core.Tests.Mandates;

/// <summary>Attacks with a valid signature on bad claims: times, shapes, audience, revocation, presenter.</summary>
internal static partial class MandateAttacks
{
    private static IEnumerable<MandateAttack> Claims() =>
    [
        new("expired beyond the skew", MandateCheck.Expiry, k => k.Root.Token, Arrange: k => k.F.Time.SetUtcNow(k.Root.Claims.ExpiresAt + MandateVerifier.Skew + TimeSpan.FromSeconds(1))),
        A("exp in the past, re-signed", MandateCheck.Expiry, k => k.Resign(k.Root, p => { p["exp"] = k.Now - 61; p["iat"] = k.Now - 600; p["nbf"] = k.Now - 600; })),
        A("nbf in the future", MandateCheck.NotBefore, k => k.Resign(k.Root, p => p["nbf"] = k.Now + 61)),
        A("iat in the future", MandateCheck.IssuedAt, k => k.Resign(k.Root, p => p["iat"] = k.Now + 61)),
        A("exp missing", MandateCheck.Claims, k => k.Resign(k.Root, p => p.Remove("exp"))),
        A("exp a string", MandateCheck.Claims, k => k.Resign(k.Root, p => p["exp"] = (k.Now + 600).ToString(System.Globalization.CultureInfo.InvariantCulture))),
        A("exp fractional", MandateCheck.Claims, k => k.Resign(k.Root, p => p["exp"] = k.Now + 600.5)),
        A("exp beyond year 9999", MandateCheck.Claims, k => k.Resign(k.Root, p => p["exp"] = 253402300800L)),
        A("iat missing", MandateCheck.Claims, k => k.Resign(k.Root, p => p.Remove("iat"))),
        A("iat negative", MandateCheck.Claims, k => k.Resign(k.Root, p => p["iat"] = -1)),
        A("exp before iat", MandateCheck.Claims, k => k.Resign(k.Root, p => p["iat"] = (long)p["exp"]! + 1)),
        A("iss missing", MandateCheck.Claims, k => k.Resign(k.Root, p => p.Remove("iss"))),
        A("issuer of another trust domain", MandateCheck.Issuer, k => k.Resign(k.Root, p => p["iss"] = "spiffe://evil.dev")),
        A("issuer with a path", MandateCheck.Issuer, k => k.Resign(k.Root, p => p["iss"] = "spiffe://acme.dev/agent/x/y")),
        A("sub not a user", MandateCheck.Claims, k => k.Resign(k.Root, p => p["sub"] = MandateFixture.Coder)),
        A("unknown claim", MandateCheck.Claims, k => k.Resign(k.Root, p => p["admin"] = true)),
        A("jti missing", MandateCheck.Claims, k => k.Resign(k.Root, p => p.Remove("jti"))),
        A("scope with an unknown kind", MandateCheck.Claims, k => k.Resign(k.Root, p => { p["scope"] = "warp:drive:9"; MandateForge.Hop(p, 0)["scope"] = "warp:drive:9"; })),
        A("empty scope", MandateCheck.Claims, k => k.Resign(k.Root, p => { p["scope"] = ""; MandateForge.Hop(p, 0)["scope"] = ""; })),
        A("scope covering everything without '**'", MandateCheck.Claims, k => k.Resign(k.Root, p => { p["scope"] = "fs:read:/**"; MandateForge.Hop(p, 0)["scope"] = "fs:read:/**"; })),
        A("scope an array", MandateCheck.Claims, k => k.Resign(k.Root, p => p["scope"] = new JsonArray("fs:read:/src/**"))),
        A("act missing", MandateCheck.Claims, k => k.Resign(k.Root, p => p.Remove("act"))),
        A("act with an extra member", MandateCheck.Claims, k => k.Resign(k.Root, p => p["act"]!["may_act"] = "*")),
        A("act sub not a SPIFFE ID", MandateCheck.Claims, k => k.Resign(k.Root, p => p["act"]!["sub"] = "claude-code")),
        A("task missing", MandateCheck.Claims, k => k.Resign(k.Root, p => p.Remove("task"))),
        A("cnf malformed", MandateCheck.Claims, k => k.Resign(k.Root, p => p["cnf"] = new JsonObject { ["x5t#S256"] = "abc" })),
        A("cnf with another confirmation method", MandateCheck.Claims, k => k.Resign(k.Root, p => p["cnf"] = new JsonObject { ["jkt"] = "x" })),
        A("constraints missing", MandateCheck.Claims, k => k.Resign(k.Root, p => p.Remove("constraints"))),
        A("max_depth above the limit", MandateCheck.Claims, k => k.Resign(k.Root, p => p["constraints"]!["max_depth"] = MandateFormat.MaxDepthLimit + 1)),
        A("ask with an invalid capability", MandateCheck.Claims, k => k.Resign(k.Root, p => p["constraints"]!["ask"] = new JsonArray("repo:push:*"))),
        A("chain empty", MandateCheck.Claims, k => k.Resign(k.Root, p => p["delegation_chain"] = new JsonArray())),
        A("chain hop with an extra member", MandateCheck.Claims, k => k.Resign(k.Root, p => MandateForge.Hop(p, 0)["purpose"] = "x")),
        A("aud an empty array", MandateCheck.Claims, k => k.Resign(k.Root, p => p["aud"] = new JsonArray())),
        new("wrong audience", MandateCheck.Audience, k => k.WithAudience.Token, _ => new MandateVerificationOptions { Audience = "https://other.acme.dev" }),
        new("audience required but absent", MandateCheck.Audience, k => k.Root.Token, _ => new MandateVerificationOptions { Audience = AttackKit.ApiAudience }),
        new("revoked token", MandateCheck.Revocation, k => k.Child.Token, Arrange: k => k.F.Revoked.Add(k.Child.Claims.Jti)),
        new("revoked parent", MandateCheck.Revocation, k => k.Child.Token, Arrange: k => k.F.Revoked.Add(k.Root.Claims.Jti)),
        new("revoked root of a three-hop chain", MandateCheck.Revocation, k => k.Grandchild.Token, Arrange: k => k.F.Revoked.Add(k.Root.Claims.Jti)),
        new("wrong presenter for a bound mandate", MandateCheck.Presenter, k => k.Bound.Token, k => new MandateVerificationOptions { PresenterCertificate = k.OtherPresenterDer }),
        new("bound mandate without a presenter", MandateCheck.PresenterMissing, k => k.Bound.Token),
        new("binding stripped from a bound mandate", MandateCheck.Signature, k => MandateForge.Sign(k.Other.JwtKey, MandateForge.Payload(k.Bound.Token).Also(p => p.Remove("cnf")), k.Header())),
    ];

    private static JsonObject Also(this JsonObject o, Action<JsonObject> change)
    {
        change(o);
        return o;
    }
}
