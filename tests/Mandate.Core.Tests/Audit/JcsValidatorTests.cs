using System.Text;
using Mandate.Core.Audit;

namespace Mandate.Core.Tests.Audit;

/// <summary>
/// The streaming canonical-form check must agree exactly with "canonicalize and compare" on every
/// single-byte mutation of canonical documents.
/// </summary>
public sealed class JcsValidatorTests
{
    public static TheoryData<string> CanonicalSamples => new(
        JsonCanonicalizerTests.ReferenceFiles.Select(row => row.Data.Item3).Concat(
        [
            Hex("""{"":0,"a":[1,-2,0.5,1e+21,1e-7,-0.000001,123456789012345,1234567890123456],"b":{"c":null,"d":true,"e":false}}"""),
            Hex("""["\u0000\u001f\b\t\n\f\r\"\\/","é€😀\u007f"]"""),
            Hex("""{"a":{"a":{"a":{"b":[[],{},""]}}},"b":"x"}"""),
            Hex("0"),
            Hex("\"s\""),
        ]));

    [Theory]
    [MemberData(nameof(CanonicalSamples))]
    public void Validator_AgreesWithCanonicalizeAndCompare_OnEveryMutation(string canonicalHex)
    {
        var canonical = Convert.FromHexString(canonicalHex);
        Assert.True(JsonCanonicalizer.IsCanonical(canonical));
        var checkedCount = 0;
        foreach (var mutated in Mutations(canonical))
        {
            var expected = JsonCanonicalizer.TryCanonicalize(mutated, out var again, out _) && mutated.AsSpan().SequenceEqual(again);
            Assert.True(expected == JsonCanonicalizer.IsCanonical(mutated), $"disagree on {Convert.ToHexString(mutated)}: expected {expected}");
            checkedCount++;
        }

        Assert.True(checkedCount > canonical.Length);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" 1")]
    [InlineData("1 ")]
    [InlineData("{\"b\":1,\"a\":1}")]
    [InlineData("{\"a\":1,\"a\":1}")]
    [InlineData("[\"\\u001F\"]")]
    [InlineData("[\"\\u000a\"]")]
    [InlineData("[\"\\/\"]")]
    [InlineData("[\"\\u0041\"]")]
    [InlineData("[\"\\ud83d\\ude00\"]")]
    [InlineData("[1.0]")]
    [InlineData("[-0]")]
    [InlineData("[01]")]
    [InlineData("[1E+21]")]
    [InlineData("[1e21]")]
    [InlineData("[1e400]")]
    public void NonCanonicalInputs_AreRejected(string text) =>
        Assert.False(JsonCanonicalizer.IsCanonical(Encoding.UTF8.GetBytes(text)));

    private static IEnumerable<byte[]> Mutations(byte[] canonical)
    {
        for (var i = 0; i <= canonical.Length; i++)
        {
            yield return [.. canonical[..i], (byte)' ', .. canonical[i..]];
            if (i < canonical.Length)
            {
                yield return [.. canonical[..i], .. canonical[(i + 1)..]];
                yield return [.. canonical[..i], canonical[i], .. canonical[i..]];
                yield return [.. canonical[..i], (byte)(canonical[i] ^ 0x20), .. canonical[(i + 1)..]];
            }

            if (i + 1 < canonical.Length)
            {
                yield return [.. canonical[..i], canonical[i + 1], canonical[i], .. canonical[(i + 2)..]];
            }
        }
    }

    private static string Hex(string json) => Convert.ToHexString(JsonCanonicalizer.Canonicalize(Encoding.UTF8.GetBytes(json)));
}
