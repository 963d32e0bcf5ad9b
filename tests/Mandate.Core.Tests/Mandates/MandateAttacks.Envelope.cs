using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Mandate.Core.Jose;
using Mandate.Core.Mandates;
using Mandate.Core.Tests.Svid;

namespace Mandate.Core.Tests.Mandates;

/// <summary>Attacks on the JWS envelope: encoding, header, algorithm, key and signature.</summary>
internal static partial class MandateAttacks
{
    private static IEnumerable<MandateAttack> Envelope() =>
    [
        A("empty token", MandateCheck.Format, _ => ""),
        A("white space only", MandateCheck.Format, _ => "   "),
        A("alg none with an empty signature", MandateCheck.Format, k => MandateForge.Assemble("""{"alg":"none","typ":"mandate+jwt"}""", k.Payload(k.Root), "")),
        A("alg none with a signature", MandateCheck.Algorithm, k => MandateForge.Sign(k.Key, k.Payload(k.Root), k.Header(("alg", "none")))),
        A("HS256 keyed with the public key PEM", MandateCheck.Algorithm, k => Hs256(k, Encoding.ASCII.GetBytes(k.Key.ExportPublicKeyPem()))),
        A("HS256 keyed with the public key DER", MandateCheck.Algorithm, k => Hs256(k, PublicDer(k.Key))),
        A("ES384 claimed", MandateCheck.Algorithm, k => MandateForge.Sign(k.Key, k.Payload(k.Root), k.Header(("alg", "ES384")))),
        A("RS256 claimed", MandateCheck.Algorithm, k => MandateForge.Sign(k.Key, k.Payload(k.Root), k.Header(("alg", "RS256")))),
        A("EdDSA claimed", MandateCheck.Algorithm, k => MandateForge.Sign(k.Key, k.Payload(k.Root), k.Header(("alg", "EdDSA")))),
        A("es256 in lower case", MandateCheck.Algorithm, k => MandateForge.Sign(k.Key, k.Payload(k.Root), k.Header(("alg", "es256")))),
        A("alg missing", MandateCheck.Algorithm, k => MandateForge.Sign(k.Key, k.Payload(k.Root), k.Header(("alg", null)))),
        A("alg a number", MandateCheck.Algorithm, k => MandateForge.Sign(k.Key, k.Payload(k.Root), k.Header(("alg", 256)))),
        A("unknown kid", MandateCheck.Key, k => MandateForge.Sign(k.Key, k.Payload(k.Root), k.Header(("kid", "not-a-bundle-key")))),
        A("kid missing", MandateCheck.Key, k => MandateForge.Sign(k.Key, k.Payload(k.Root), k.Header(("kid", null)))),
        A("kid not a string", MandateCheck.Key, k => MandateForge.Sign(k.Key, k.Payload(k.Root), k.Header(("kid", 1)))),
        A("signed by another trust domain's key", MandateCheck.Key, k => MandateForge.Sign(k.Other.JwtKey, k.Payload(k.Root))),
        A("another domain's signature under our kid", MandateCheck.Signature, k => MandateForge.Sign(k.Other.JwtKey, k.Payload(k.Root), k.Header())),
        A("jku header", MandateCheck.Header, k => MandateForge.Sign(k.Key, k.Payload(k.Root), k.Header(("jku", "https://evil.dev/jwks.json")))),
        A("x5u header", MandateCheck.Header, k => MandateForge.Sign(k.Key, k.Payload(k.Root), k.Header(("x5u", "https://evil.dev/cert.pem")))),
        A("jwk header with the attacker's key", MandateCheck.Header, EmbeddedJwk),
        A("x5c header", MandateCheck.Header, k => MandateForge.Sign(k.Key, k.Payload(k.Root), k.Header(("x5c", new JsonArray(Convert.ToBase64String(k.PresenterDer)))))),
        A("crit header", MandateCheck.Header, k => MandateForge.Sign(k.Key, k.Payload(k.Root), k.Header(("crit", new JsonArray("exp")), ("exp", 1)))),
        A("crit header alone", MandateCheck.Header, k => MandateForge.Sign(k.Key, k.Payload(k.Root), k.Header(("crit", new JsonArray())))),
        A("cty header", MandateCheck.Header, k => MandateForge.Sign(k.Key, k.Payload(k.Root), k.Header(("cty", "JWT")))),
        A("b64 false header", MandateCheck.Header, k => MandateForge.Sign(k.Key, k.Payload(k.Root), k.Header(("b64", false)))),
        A("JWT-SVID presented as a mandate", MandateCheck.Type, k => k.JwtSvid),
        A("typ missing", MandateCheck.Type, k => MandateForge.Sign(k.Key, k.Payload(k.Root), k.Header(("typ", null)))),
        A("typ JWT on mandate claims", MandateCheck.Type, k => MandateForge.Sign(k.Key, k.Payload(k.Root), k.Header(("typ", "JWT")))),
        A("typ in upper case", MandateCheck.Type, k => MandateForge.Sign(k.Key, k.Payload(k.Root), k.Header(("typ", "MANDATE+JWT")))),
        A("typ with application/ prefix", MandateCheck.Type, k => MandateForge.Sign(k.Key, k.Payload(k.Root), k.Header(("typ", "application/mandate+jwt")))),
        A("duplicate header names", MandateCheck.Format, k => MandateForge.Sign(k.Key, k.Payload(k.Root), $$"""{"alg":"ES256","alg":"none","kid":"{{k.Key.Kid}}","typ":"mandate+jwt"}""")),
        A("duplicate claim names", MandateCheck.Claims, k => MandateForge.Sign(k.Key, """{"sub":"user:eve@evil.dev",""" + k.Payload(k.Root)[1..])),
        A("duplicate claim names, the repeat last", MandateCheck.Claims, k => MandateForge.Sign(k.Key, k.Payload(k.Root)[..^1] + ""","scope":"fs:read:**"}""")),
        A("duplicate claim names, unsigned", MandateCheck.Signature, k => MandateForge.Assemble(k.Header(), """{"sub":"user:eve@evil.dev",""" + k.Payload(k.Root)[1..], Parts(k.Root.Token)[2])),
        A("duplicate member in act", MandateCheck.Claims, k => MandateForge.Sign(k.Key, Repeat(k.Payload(k.Child), "\"act\":{", "\"sub\":\"spiffe://acme.dev/agent/linter/webapp\","))),
        A("duplicate member in a hop", MandateCheck.Claims, k => MandateForge.Sign(k.Key, Repeat(k.Payload(k.Child), "[{", "\"delegator\":\"user:eve@evil.dev\","))),
        A("duplicate member in task", MandateCheck.Claims, k => MandateForge.Sign(k.Key, Repeat(k.Payload(k.Root), "\"task\":{", "\"id\":\"OTHER-1\","))),
        A("duplicate member in constraints", MandateCheck.Claims, k => MandateForge.Sign(k.Key, Repeat(k.Payload(k.Root), "\"constraints\":{", "\"max_depth\":8,"))),
        A("duplicate member in cnf", MandateCheck.Claims, k => MandateForge.Sign(k.Key, Repeat(k.Payload(k.Bound), "\"cnf\":{", "\"x5t#S256\":\"" + PresenterBinding.Thumbprint(k.OtherPresenterDer) + "\","))),
        A("oversized token", MandateCheck.Size, k => k.Resign(k.Root, p => p["task"]!["purpose"] = new string('x', MandateFormat.MaxTokenLength))),
        A("signature first bit flipped", MandateCheck.Signature, k => FlipSignatureBit(k.Root.Token, 0)),
        A("signature last bit flipped", MandateCheck.Signature, k => FlipSignatureBit(k.Root.Token, 511)),
        A("signature in DER form", MandateCheck.Signature, DerSignature),
        A("signature all zero", MandateCheck.Signature, k => Parts(k.Root.Token)[0] + "." + Parts(k.Root.Token)[1] + "." + Base64Url.EncodeToString(new byte[64])),
        A("payload altered after signing", MandateCheck.Signature, k => Swap(k.Root.Token, 1, JwtForge.Encode(MandateForge.Payload(k.Root.Token).ToJsonString().Replace("/src/**", "/**/*", StringComparison.Ordinal)))),
        A("header re-encoded after signing", MandateCheck.Signature, k => Swap(k.Root.Token, 0, JwtForge.Encode(k.Header().Replace(",", ", ", StringComparison.Ordinal)))),
        A("signature of another mandate", MandateCheck.Signature, k => Swap(k.Root.Token, 2, Parts(k.Child.Token)[2])),
        A("signature truncated", MandateCheck.Signature, k => Swap(k.Root.Token, 2, Base64Url.EncodeToString(Base64Url.DecodeFromChars(Parts(k.Root.Token)[2])[..^2]))),
        A("signature cut to an impossible base64url length", MandateCheck.Format, k => k.Root.Token[..^1]),
        A("header not UTF-8", MandateCheck.Format, k => Base64Url.EncodeToString([0x7B, 0x22, 0x61, 0x6C, 0x67, 0x22, 0x3A, 0x22, 0xBD, 0x22, 0x7D]) + "." + Parts(k.Root.Token)[1] + "." + Parts(k.Root.Token)[2]),
        A("token truncated to two parts", MandateCheck.Format, k => k.Root.Token[..k.Root.Token.LastIndexOf('.')]),
        A("four parts", MandateCheck.Format, k => k.Root.Token + ".e30"),
        A("five parts like a JWE", MandateCheck.Format, k => k.Root.Token + ".e30.e30"),
        A("non-base64url character", MandateCheck.Format, k => Swap(k.Root.Token, 2, "+" + Parts(k.Root.Token)[2][1..])),
        A("base64 padding", MandateCheck.Format, k => k.Root.Token + "=="),
        A("payload a JSON array", MandateCheck.Format, k => MandateForge.Sign(k.Key, "[" + k.Payload(k.Root) + "]")),
        A("payload not JSON", MandateCheck.Format, k => MandateForge.Sign(k.Key, "iss=spiffe://acme.dev")),
        A("header a JSON string", MandateCheck.Format, k => MandateForge.Sign(k.Key, k.Payload(k.Root), "\"ES256\"")),
        A("JSON nested too deep", MandateCheck.Format, k => MandateForge.Sign(k.Key, "{\"x\":" + new string('[', 64) + new string(']', 64) + "}")),
    ];

    private static string[] Parts(string token) => token.Split('.');

    /// <summary>The JSON with <paramref name="member"/> inserted right after the first <paramref name="after"/>: a name the object already has.</summary>
    private static string Repeat(string json, string after, string member)
    {
        var at = json.IndexOf(after, StringComparison.Ordinal);
        Assert.True(at >= 0, $"'{after}' is not in {json}");
        return json[..(at + after.Length)] + member + json[(at + after.Length)..];
    }

    private static string Swap(string token, int index, string part)
    {
        var parts = Parts(token);
        parts[index] = part;
        return string.Join('.', parts);
    }

    private static string FlipSignatureBit(string token, int bit)
    {
        var signature = Base64Url.DecodeFromChars(Parts(token)[2]);
        signature[bit / 8] ^= (byte)(1 << (bit % 8));
        return Swap(token, 2, Base64Url.EncodeToString(signature));
    }

    private static byte[] PublicDer(SigningKey key)
    {
        using var ecdsa = ECDsa.Create();
        ecdsa.ImportFromPem(key.ExportPublicKeyPem());
        return ecdsa.ExportSubjectPublicKeyInfo();
    }

    /// <summary>The classic key-confusion forgery: HMAC with the verifier's public key as the secret.</summary>
    private static string Hs256(AttackKit k, byte[] secret)
    {
        var input = JwtForge.Encode(k.Header(("alg", "HS256"))) + "." + JwtForge.Encode(k.Payload(k.Root));
        return input + "." + Base64Url.EncodeToString(HMACSHA256.HashData(secret, Encoding.ASCII.GetBytes(input)));
    }

    private static string EmbeddedJwk(AttackKit k)
    {
        using var attacker = SigningKey.Generate();
        using var ecdsa = ECDsa.Create();
        ecdsa.ImportFromPem(attacker.ExportPublicKeyPem());
        var q = ecdsa.ExportParameters(false).Q;
        var jwk = new JsonObject { ["kty"] = "EC", ["crv"] = "P-256", ["x"] = Base64Url.EncodeToString(q.X), ["y"] = Base64Url.EncodeToString(q.Y) };
        return MandateForge.Sign(attacker, k.Payload(k.Root), k.Header(("kid", attacker.Kid), ("jwk", jwk)));
    }

    private static string DerSignature(AttackKit k)
    {
        using var ecdsa = ECDsa.Create();
        ecdsa.ImportFromPem(k.Key.ExportPrivateKeyPem());
        var input = Parts(k.Root.Token)[0] + "." + Parts(k.Root.Token)[1];
        var der = ecdsa.SignData(Encoding.ASCII.GetBytes(input), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        return input + "." + Base64Url.EncodeToString(der);
    }
}
