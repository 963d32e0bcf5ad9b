using System.Text.Json;
using System.Text.Json.Nodes;
using Mandate.Core.Mandates;

namespace Mandate.Core.Tests.Mandates;

/// <summary>
/// The verifier reads the payload in one pass and judges the claims once the signature verified. These
/// are the shapes the attack corpus does not hold: nesting at and past the limits, repeated names at
/// every level and in every spelling, wrong types inside act, hops, task, constraints, cnf and aud, and
/// strings no UTF-16 holds; and spellings of a real mandate that must still verify to the same claims.
/// </summary>
public sealed class MandateVerifierPayloadTests
{
    public static TheoryData<string, MandateCheck> Hostile() => new()
    {
        { "act nested eleven levels, deeper than any chain", MandateCheck.Claims },
        { "act nested past the JSON depth limit", MandateCheck.Format },
        { "an unknown claim nested to the depth limit", MandateCheck.Claims },
        { "an unknown claim nested one level past the depth limit", MandateCheck.Format },
        { "a hop nested in an array", MandateCheck.Claims },
        { "repeated member in the inner act", MandateCheck.Claims },
        { "repeated member in the last hop", MandateCheck.Claims },
        { "repeated hop member, one spelt with an escape", MandateCheck.Claims },
        { "repeated claim, one spelt with an escape", MandateCheck.Claims },
        { "repeated purpose in task", MandateCheck.Claims },
        { "repeated ask in constraints", MandateCheck.Claims },
        { "repeated act in act", MandateCheck.Claims },
        { "hop iat a string", MandateCheck.Claims },
        { "hop exp fractional", MandateCheck.Claims },
        { "hop delegator a number", MandateCheck.Claims },
        { "hop scope an array", MandateCheck.Claims },
        { "hop jti empty", MandateCheck.Claims },
        { "hop an array", MandateCheck.Claims },
        { "hop null", MandateCheck.Claims },
        { "hop missing delegatee", MandateCheck.Claims },
        { "chain of ten hops", MandateCheck.Claims },
        { "chain an object", MandateCheck.Claims },
        { "act an array", MandateCheck.Claims },
        { "inner act null", MandateCheck.Claims },
        { "act sub a number", MandateCheck.Claims },
        { "act with a member besides sub and act, in the inner level", MandateCheck.Claims },
        { "task an array", MandateCheck.Claims },
        { "task id a number", MandateCheck.Claims },
        { "ask holding a number", MandateCheck.Claims },
        { "ask a string", MandateCheck.Claims },
        { "max_depth a string", MandateCheck.Claims },
        { "max_depth written 2.0", MandateCheck.Claims },
        { "max_depth negative", MandateCheck.Claims },
        { "aud holding a number", MandateCheck.Claims },
        { "aud holding an empty string", MandateCheck.Claims },
        { "cnf with two members", MandateCheck.Claims },
        { "cnf thumbprint a number", MandateCheck.Claims },
        { "nbf a string", MandateCheck.Claims },
        { "iat beyond a long", MandateCheck.Claims },
        { "delegatee differing from its actor in one inner character", MandateCheck.ChainActors },
        { "lone surrogate escaped in a claim name", MandateCheck.Format },
        { "lone surrogate escaped in a hop member name", MandateCheck.Format },
        { "lone surrogate escaped in a hop's jti", MandateCheck.Format },
        { "lone surrogate escaped in a header member name", MandateCheck.Format },
        { "lone surrogate escaped in an unsigned payload", MandateCheck.Format },
        { "text after the payload object", MandateCheck.Format },
        { "payload with a byte order mark", MandateCheck.Format },
        { "payload empty", MandateCheck.Format },
        { "payload cut inside a hop", MandateCheck.Format },
        { "unsigned payload with a repeated member in a hop", MandateCheck.Signature },
    };

    [Theory]
    [MemberData(nameof(Hostile))]
    public void Verify_HostilePayload_IsRejectedByTheCheckItTargets(string name, MandateCheck check)
    {
        using var kit = new AttackKit();
        var token = HostileToken(kit, name);

        var result = kit.F.Verifier().Verify(token);

        Assert.False(result.IsValid, $"'{name}' was accepted");
        Assert.Equal(check, result.FailedCheck);
        Assert.Equal(MandateAttackCorpusTests.CodeOf(check), result.Error.Code);
    }

    [Fact]
    public void Verify_ActNestedElevenLevels_SaysSo()
    {
        using var kit = new AttackKit();

        var result = kit.F.Verifier().Verify(HostileToken(kit, "act nested eleven levels, deeper than any chain"));

        Assert.Contains("act is nested deeper than any chain may be", result.Error!.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string> Respellings() =>
    [
        "claim names written with escapes",
        "values written with escapes",
        "white space between every token",
        "members in another order",
        "a surrogate pair escaped in the purpose",
    ];

    [Theory]
    [MemberData(nameof(Respellings))]
    public void Verify_RespeltMandate_VerifiesToTheSameClaims(string name)
    {
        using var kit = new AttackKit();
        var json = kit.Payload(kit.Grandchild);
        var respelt = name switch
        {
            "claim names written with escapes" => json
                .Replace("\"iss\":", "\"\\u0069ss\":", StringComparison.Ordinal)
                .Replace("\"delegatee\":", "\"d\\u0065legatee\":", StringComparison.Ordinal)
                .Replace("\"sub\":", "\"su\\u0062\":", StringComparison.Ordinal),
            "values written with escapes" => json.Replace("spiffe://", "spiffe:\\/\\/", StringComparison.Ordinal).Replace("fs:read:", "fs\\u003Aread:", StringComparison.Ordinal),
            "white space between every token" => JsonNode.Parse(json)!.ToJsonString(new JsonSerializerOptions { WriteIndented = true, IndentCharacter = '\t', IndentSize = 1 }),
            "members in another order" => Reordered(json),
            "a surrogate pair escaped in the purpose" => json.Replace("refactor the auth module", "refactor \\ud83d\\udd10", StringComparison.Ordinal),
            _ => throw new ArgumentOutOfRangeException(nameof(name)),
        };
        Assert.NotEqual(json, respelt);

        var result = kit.F.Verifier().Verify(MandateForge.Sign(kit.Key, respelt));

        Assert.True(result.IsValid, result.ToString());
        var expected = Describe(kit.Grandchild.Claims);
        if (name.StartsWith("a surrogate", StringComparison.Ordinal))
        {
            Assert.Equal("refactor \U0001F510", result.Claims.Task.Purpose);
            expected = expected.Replace("refactor the auth module", "refactor \U0001F510", StringComparison.Ordinal);
        }

        Assert.Equal(expected, Describe(result.Claims));
    }

    [Fact]
    public void Verify_JtisAlikeButForTheirStart_AreDifferentJtis()
    {
        // Same length, same last characters: the reader shares a string met twice, and must not take these for one.
        using var kit = new AttackKit();
        var token = kit.Resign(kit.Grandchild, p =>
        {
            MandateForge.Hop(p, 0)["jti"] = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA-tail";
            MandateForge.Hop(p, 1)["jti"] = "BAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA-tail";
        });

        var result = kit.F.Verifier().Verify(token);

        Assert.True(result.IsValid, result.ToString());
        Assert.Equal(["AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA-tail", "BAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA-tail", kit.Grandchild.Claims.Jti], result.Claims.Chain.Select(h => h.Jti));
    }

    [Fact]
    public void Verify_NonAsciiText_IsReadAsWritten()
    {
        // The issuer writes non-ASCII as UTF-8, not as escapes: the reader's ASCII shortcut must not apply.
        using var kit = new AttackKit();
        const string purpose = "réparer l'authentification — café ☕ 🔐";
        var mandate = kit.F.Issuer.Grant(kit.F.GrantRequest() with { Purpose = purpose, TaskId = "ÄUTH-42" }).Value;
        Assert.Contains("café ☕", Svid.JwtForge.DecodePart(mandate.Token.Split('.')[1]), StringComparison.Ordinal);

        var result = kit.F.Verifier().Verify(mandate.Token);

        Assert.True(result.IsValid, result.ToString());
        Assert.Equal(purpose, result.Claims.Task.Purpose);
        Assert.Equal("ÄUTH-42", result.Claims.Task.Id);
    }

    [Fact]
    public void Verify_ManyAudiences_KeepsEveryOneInOrder()
    {
        using var kit = new AttackKit();
        var audiences = Enumerable.Range(0, 100).Select(i => $"https://api{i % 7}.acme.dev/{i}").ToArray();
        var token = kit.Resign(kit.Child, p => p["aud"] = new JsonArray([.. audiences.Select(a => JsonValue.Create(a))]));

        var result = kit.F.Verifier().Verify(token, new MandateVerificationOptions { Audience = audiences[^1] });

        Assert.True(result.IsValid, result.ToString());
        Assert.Equal(audiences, result.Claims.Audience);
    }

    [Fact]
    public void Verify_SameTokenTwice_GivesEqualClaims()
    {
        using var kit = new AttackKit();
        var verifier = kit.F.Verifier();

        var first = verifier.Verify(kit.Grandchild.Token);
        var second = verifier.Verify(kit.Grandchild.Token);

        Assert.Equal(Describe(first.Claims!), Describe(second.Claims!));
        Assert.Equal(Describe(kit.Grandchild.Claims), Describe(first.Claims!));
    }

    private static string HostileToken(AttackKit k, string name) => name switch
    {
        "act nested eleven levels, deeper than any chain" => k.Resign(k.Child, p => p["act"] = Act(11)),
        "act nested past the JSON depth limit" => k.Resign(k.Child, p => p["act"] = Act(40)),
        "an unknown claim nested to the depth limit" => Sign(k, k.Payload(k.Root)[..^1] + ",\"zz\":" + new string('[', 31) + new string(']', 31) + "}"),
        "an unknown claim nested one level past the depth limit" => Sign(k, k.Payload(k.Root)[..^1] + ",\"zz\":" + new string('[', 32) + new string(']', 32) + "}"),
        "a hop nested in an array" => k.Resign(k.Child, p => MandateForge.Chain(p)[1] = new JsonArray(MandateForge.Hop(p, 1).DeepClone())),
        "repeated member in the inner act" => Sign(k, Insert(k.Payload(k.Grandchild), "\"act\":{\"sub\":\"" + MandateFixture.Coder + "\"", ",\"sub\":\"" + MandateFixture.Tester + "\"")),
        "repeated member in the last hop" => Sign(k, Insert(k.Payload(k.Grandchild), "\"delegatee\":\"" + MandateFixture.Linter + "\"", ",\"delegatee\":\"" + MandateFixture.Tester + "\"")),
        "repeated hop member, one spelt with an escape" => Sign(k, Insert(k.Payload(k.Child), "[{", "\"d\\u0065legator\":\"user:eve@evil.dev\",")),
        "repeated claim, one spelt with an escape" => Sign(k, Insert(k.Payload(k.Root), "{", "\"\\u0069ss\":\"spiffe://acme.dev\",")),
        "repeated purpose in task" => Sign(k, Insert(k.Payload(k.Root), "\"task\":{", "\"purpose\":\"something else\",")),
        "repeated ask in constraints" => Sign(k, Insert(k.Payload(k.Root), "\"constraints\":{", "\"ask\":[],")),
        "repeated act in act" => Sign(k, Insert(k.Payload(k.Child), "\"act\":{", "\"act\":{\"sub\":\"" + MandateFixture.Linter + "\"},")),
        "hop iat a string" => k.Resign(k.Child, p => MandateForge.Hop(p, 1)["iat"] = p["iat"]!.ToString()),
        "hop exp fractional" => k.Resign(k.Child, p => MandateForge.Hop(p, 1)["exp"] = (long)p["exp"]! + 0.5),
        "hop delegator a number" => k.Resign(k.Child, p => MandateForge.Hop(p, 1)["delegator"] = 7),
        "hop scope an array" => k.Resign(k.Child, p => MandateForge.Hop(p, 1)["scope"] = new JsonArray("fs:read:/src/**")),
        "hop jti empty" => k.Resign(k.Child, p => MandateForge.Hop(p, 0)["jti"] = ""),
        "hop an array" => k.Resign(k.Child, p => MandateForge.Chain(p)[0] = new JsonArray()),
        "hop null" => k.Resign(k.Child, p => MandateForge.Chain(p)[0] = null),
        "hop missing delegatee" => k.Resign(k.Child, p => MandateForge.Hop(p, 1).Remove("delegatee")),
        "chain of ten hops" => k.Resign(k.Child, p =>
        {
            var chain = MandateForge.Chain(p);
            while (chain.Count < 10)
            {
                chain.Insert(1, MandateForge.Hop(p, 1).DeepClone());
            }
        }),
        "chain an object" => k.Resign(k.Child, p => p["delegation_chain"] = MandateForge.Hop(p, 0).DeepClone()),
        "act an array" => k.Resign(k.Child, p => p["act"] = new JsonArray(p["act"]!.DeepClone())),
        "inner act null" => k.Resign(k.Child, p => p["act"]!["act"] = null),
        "act sub a number" => k.Resign(k.Child, p => p["act"]!["act"]!["sub"] = 1),
        "act with a member besides sub and act, in the inner level" => k.Resign(k.Child, p => p["act"]!["act"]!["may_act"] = "*"),
        "task an array" => k.Resign(k.Root, p => p["task"] = new JsonArray("AUTH-42", "refactor")),
        "task id a number" => k.Resign(k.Root, p => p["task"]!["id"] = 42),
        "ask holding a number" => k.Resign(k.Root, p => p["constraints"]!["ask"] = new JsonArray("repo:push:github.com/acme/**", 1)),
        "ask a string" => k.Resign(k.Root, p => p["constraints"]!["ask"] = "repo:push:github.com/acme/**"),
        "max_depth a string" => k.Resign(k.Root, p => p["constraints"]!["max_depth"] = "2"),
        "max_depth written 2.0" => Sign(k, Replace(k.Payload(k.Root), "\"max_depth\":2", "\"max_depth\":2.0")),
        "max_depth negative" => k.Resign(k.Root, p => p["constraints"]!["max_depth"] = -1),
        "aud holding a number" => k.Resign(k.Root, p => p["aud"] = new JsonArray(AttackKit.ApiAudience, 1)),
        "aud holding an empty string" => k.Resign(k.Root, p => p["aud"] = new JsonArray(AttackKit.ApiAudience, "")),
        "cnf with two members" => k.Resign(k.Bound, p => p["cnf"]!["jkt"] = "x"),
        "cnf thumbprint a number" => k.Resign(k.Bound, p => p["cnf"]!["x5t#S256"] = 1),
        "nbf a string" => k.Resign(k.Root, p => p["nbf"] = "0"),
        "iat beyond a long" => Sign(k, k.Payload(k.Root).Replace("\"iat\":" + k.Root.Claims.IssuedAt.ToUnixTimeSeconds(), "\"iat\":1" + new string('0', 20), StringComparison.Ordinal)),
        "delegatee differing from its actor in one inner character" => k.Resign(k.Child, p =>
            MandateForge.Hop(p, 1)["delegatee"] = MandateFixture.Tester.Replace("test-runner", "test-ruNner", StringComparison.Ordinal)),
        "lone surrogate escaped in a claim name" => Sign(k, Insert(k.Payload(k.Root), "{", "\"\\ud800\":1,")),
        "lone surrogate escaped in a hop member name" => Sign(k, Insert(k.Payload(k.Child), "[{", "\"\\udc00x\":1,")),
        "lone surrogate escaped in a hop's jti" => Sign(k, Replace(k.Payload(k.Child), "\"jti\":\"" + k.Root.Claims.Jti + "\"", "\"jti\":\"x\\ud800y\"")),
        "lone surrogate escaped in a header member name" => MandateForge.Sign(k.Key, k.Payload(k.Root), Insert(k.Header(), "{", "\"\\ud800\":1,")),
        "lone surrogate escaped in an unsigned payload" => MandateForge.Assemble(k.Header(), Insert(k.Payload(k.Root), "{", "\"\\ud800\":1,"), k.Root.Token.Split('.')[2]),
        "text after the payload object" => Sign(k, k.Payload(k.Root) + " {}"),
        "payload with a byte order mark" => Sign(k, "\uFEFF" + k.Payload(k.Root)),
        "payload empty" => Sign(k, " "),
        "payload cut inside a hop" => Sign(k, k.Payload(k.Child)[..k.Payload(k.Child).IndexOf("\"delegatee\"", StringComparison.Ordinal)]),
        "unsigned payload with a repeated member in a hop" => MandateForge.Assemble(k.Header(), Insert(k.Payload(k.Child), "[{", "\"jti\":\"x\","), k.Child.Token.Split('.')[2]),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    /// <summary>An act nesting of <paramref name="levels"/> levels of real agents, the human's agent innermost.</summary>
    private static JsonObject Act(int levels)
    {
        var act = new JsonObject { ["sub"] = MandateFixture.Coder };
        for (var i = 1; i < levels; i++)
        {
            act = new JsonObject { ["sub"] = MandateFixture.Tester, ["act"] = act };
        }

        return act;
    }

    private static string Sign(AttackKit k, string payloadJson) => MandateForge.Sign(k.Key, payloadJson);

    private static string Replace(string json, string text, string with)
    {
        Assert.Contains(text, json, StringComparison.Ordinal);
        return json.Replace(text, with, StringComparison.Ordinal);
    }

    /// <summary>The JSON with <paramref name="text"/> inserted right after the first <paramref name="after"/>.</summary>
    private static string Insert(string json, string after, string text)
    {
        var at = json.IndexOf(after, StringComparison.Ordinal);
        Assert.True(at >= 0, $"'{after}' is not in {json}");
        return json[..(at + after.Length)] + text + json[(at + after.Length)..];
    }

    /// <summary>The payload's members in reverse order, nested objects too.</summary>
    private static string Reordered(string json)
    {
        static JsonNode? Reverse(JsonNode? node) => node switch
        {
            JsonObject o => new JsonObject(o.Reverse().Select(m => KeyValuePair.Create(m.Key, Reverse(m.Value)))),
            JsonArray a => new JsonArray([.. a.Select(Reverse)]),
            _ => node?.DeepClone(),
        };

        return Reverse(JsonNode.Parse(json))!.ToJsonString();
    }

    private static string Describe(MandateClaims c) =>
        string.Join("|", c.Issuer, c.Subject, string.Join(",", c.Actors), c.Scope, c.Task.Id, c.Task.Purpose,
            string.Join(";", c.Chain.Select(h => $"{h.Delegator},{h.Delegatee},{h.Scope},{h.IssuedAt.ToUnixTimeSeconds()},{h.ExpiresAt.ToUnixTimeSeconds()},{h.Jti}")),
            c.Constraints.MaxDepth, c.Constraints.Ask, c.Thumbprint ?? "-", c.IssuedAt.ToUnixTimeSeconds(), c.NotBefore.ToUnixTimeSeconds(),
            c.ExpiresAt.ToUnixTimeSeconds(), c.Jti, string.Join(",", c.Audience));
}
