using System.Buffers.Text;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Mandate.Core.Jose;
using Mandate.Core.Mandates;
using Microsoft.Extensions.Time.Testing;

namespace Mandate.Core.Tests.Mandates;

/// <summary>
/// Project Wycheproof (Apache-2.0) vectors, transcribed under this folder with their source commit:
/// ECDSA P-256/SHA-256 signatures in IEEE P1363 form (ES256's encoding), and the ES256 JSON Web
/// Signature groups. Mandate's ES256 check must agree with every expected result.
/// </summary>
public sealed class WycheproofTests
{
    public static TheoryData<int, int> P1363Cases()
    {
        var data = new TheoryData<int, int>();
        var groups = Load("wycheproof-ecdsa-p256-sha256-p1363.json").RootElement.GetProperty("groups");
        for (var g = 0; g < groups.GetArrayLength(); g++)
        {
            foreach (var test in groups[g].GetProperty("tests").EnumerateArray())
            {
                data.Add(g, test.GetProperty("tcId").GetInt32());
            }
        }

        return data;
    }

    public static TheoryData<int, int> JwsCases()
    {
        var data = new TheoryData<int, int>();
        var groups = Load("wycheproof-jws-es256.json").RootElement.GetProperty("groups");
        for (var g = 0; g < groups.GetArrayLength(); g++)
        {
            foreach (var test in groups[g].GetProperty("tests").EnumerateArray())
            {
                data.Add(g, test.GetProperty("tcId").GetInt32());
            }
        }

        return data;
    }

    [Fact]
    public void Vectors_AreARepresentativeSubset()
    {
        var tests = Load("wycheproof-ecdsa-p256-sha256-p1363.json").RootElement.GetProperty("groups").EnumerateArray()
            .SelectMany(g => g.GetProperty("tests").EnumerateArray()).ToList();

        Assert.True(tests.Count >= 30);
        Assert.True(tests.Count(t => t.GetProperty("result").GetString() == "invalid") >= 20);
        Assert.Contains(tests, t => t.GetProperty("flags").EnumerateArray().Any(f => f.GetString() == "InvalidSignature"));
    }

    [Theory]
    [MemberData(nameof(P1363Cases))]
    public void Es256Verify_AgreesWithWycheproofP1363(int group, int tcId)
    {
        using var doc = Load("wycheproof-ecdsa-p256-sha256-p1363.json");
        var g = doc.RootElement.GetProperty("groups")[group];
        var test = g.GetProperty("tests").EnumerateArray().Single(t => t.GetProperty("tcId").GetInt32() == tcId);
        using var key = SigningKey.FromPublic(Coordinate(g.GetProperty("wx").GetString()!), Coordinate(g.GetProperty("wy").GetString()!));

        var accepted = key.Verify(Convert.FromHexString(test.GetProperty("msg").GetString()!), Convert.FromHexString(test.GetProperty("sig").GetString()!));

        Assert.Equal(test.GetProperty("result").GetString() == "valid", accepted);
    }

    [Theory]
    [MemberData(nameof(JwsCases))]
    public void Es256Jws_AgreesWithWycheproofAndNoneIsAMandate(int group, int tcId)
    {
        using var doc = Load("wycheproof-jws-es256.json");
        var g = doc.RootElement.GetProperty("groups")[group];
        var jwk = g.GetProperty("publicJwk");
        var test = g.GetProperty("tests").EnumerateArray().Single(t => t.GetProperty("tcId").GetInt32() == tcId);
        var jws = test.GetProperty("jws").ValueKind == JsonValueKind.String ? test.GetProperty("jws").GetString()! : test.GetProperty("jws").GetRawText();
        using var key = SigningKey.FromPublic(Base64Url.DecodeFromChars(jwk.GetProperty("x").GetString()), Base64Url.DecodeFromChars(jwk.GetProperty("y").GetString()));

        Assert.Equal(test.GetProperty("result").GetString() == "valid", VerifyCompactEs256(jws, key));

        var bundle = new Mandate.Core.Svid.TrustBundle(Mandate.Core.Identity.TrustDomain.Parse("acme.dev").Value, [], [key], 1);
        Assert.False(new MandateVerifier(bundle, new FakeTimeProvider()).Verify(jws).IsValid);
    }

    /// <summary>The envelope rules of <see cref="MandateVerifier"/>, without the payload being a JSON object: three strict base64url parts, header alg ES256, P1363 signature.</summary>
    private static bool VerifyCompactEs256(string jws, SigningKey key)
    {
        var parts = jws.Split('.');
        if (parts.Length != 3 || parts.Any(p => p.Contains('=', StringComparison.Ordinal) || !Base64Url.IsValid(p)) || parts[0].Length == 0 || parts[2].Length == 0)
        {
            return false;
        }

        try
        {
            using var header = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[0]));
            if (header.RootElement.ValueKind != JsonValueKind.Object || !header.RootElement.TryGetProperty("alg", out var alg) || alg.GetString() != "ES256" ||
                header.RootElement.TryGetProperty("jwk", out _))
            {
                return false;
            }
        }
        catch (JsonException)
        {
            return false;
        }

        return key.Verify(Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), Base64Url.DecodeFromChars(parts[2]));
    }

    /// <summary>Wycheproof writes coordinates as signed big-endian hex (a leading 00 when the top bit is set).</summary>
    private static byte[] Coordinate(string hex)
    {
        var bytes = Convert.FromHexString(hex).SkipWhile(b => b == 0).ToArray();
        return [.. new byte[32 - bytes.Length], .. bytes];
    }

    /// <summary>Beside this source file; when the build maps source paths away, found by walking up from the test binary.</summary>
    private static JsonDocument Load(string name, [CallerFilePath] string here = "")
    {
        var path = Path.Combine(Path.GetDirectoryName(here) ?? "", name);
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); !File.Exists(path) && dir is not null; dir = dir.Parent)
        {
            path = Path.Combine(dir.FullName, "tests", "Mandate.Core.Tests", "Mandates", name);
        }

        return JsonDocument.Parse(File.ReadAllText(path));
    }
}
