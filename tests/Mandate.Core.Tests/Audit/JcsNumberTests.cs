using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Mandate.Core.Audit;
using Mandate.Core.Audit.Internal;

namespace Mandate.Core.Tests.Audit;

public sealed class JcsNumberTests
{
    // RFC 8785 Appendix B, "Number Serialization Samples": IEEE-754 bits and the required JSON text.
    [Theory]
    [InlineData(0x0000000000000000UL, "0")]
    [InlineData(0x8000000000000000UL, "0")] // minus zero
    [InlineData(0x0000000000000001UL, "5e-324")] // min pos number
    [InlineData(0x8000000000000001UL, "-5e-324")] // min neg number
    [InlineData(0x7fefffffffffffffUL, "1.7976931348623157e+308")] // max pos number
    [InlineData(0xffefffffffffffffUL, "-1.7976931348623157e+308")] // max neg number
    [InlineData(0x4340000000000000UL, "9007199254740992")] // max pos int
    [InlineData(0xc340000000000000UL, "-9007199254740992")] // max neg int
    [InlineData(0x4430000000000000UL, "295147905179352830000")] // ~2**68
    [InlineData(0x44b52d02c7e14af5UL, "9.999999999999997e+22")]
    [InlineData(0x44b52d02c7e14af6UL, "1e+23")]
    [InlineData(0x44b52d02c7e14af7UL, "1.0000000000000001e+23")]
    [InlineData(0x444b1ae4d6e2ef4eUL, "999999999999999700000")]
    [InlineData(0x444b1ae4d6e2ef4fUL, "999999999999999900000")]
    [InlineData(0x444b1ae4d6e2ef50UL, "1e+21")]
    [InlineData(0x3eb0c6f7a0b5ed8cUL, "9.999999999999997e-7")]
    [InlineData(0x3eb0c6f7a0b5ed8dUL, "0.000001")]
    [InlineData(0x41b3de4355555553UL, "333333333.3333332")]
    [InlineData(0x41b3de4355555554UL, "333333333.33333325")]
    [InlineData(0x41b3de4355555555UL, "333333333.3333333")]
    [InlineData(0x41b3de4355555556UL, "333333333.3333334")]
    [InlineData(0x41b3de4355555557UL, "333333333.33333343")]
    [InlineData(0xbecbf647612f3696UL, "-0.0000033333333333333333")]
    [InlineData(0x43143ff3c1cb0959UL, "1424953923781206.2")] // round to even
    public void Number_SerializesAsRfc8785AppendixB(ulong bits, string expected)
    {
        var value = BitConverter.UInt64BitsToDouble(bits);
        Assert.Equal(expected, JcsNumberFormatter.Format(value));

        // The same value, written as JSON text, canonicalizes to exactly that text.
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        Assert.Equal(expected, Encoding.UTF8.GetString(JsonCanonicalizer.Canonicalize(Encoding.UTF8.GetBytes(text))));
    }

    [Theory]
    [InlineData(0x7fffffffffffffffUL)] // NaN (RFC 8785 Appendix B: error)
    [InlineData(0x7ff0000000000000UL)] // Infinity (RFC 8785 Appendix B: error)
    [InlineData(0xfff0000000000000UL)]
    public void NonFiniteNumber_IsRefused(ulong bits)
    {
        var node = System.Text.Json.Nodes.JsonValue.Create(BitConverter.UInt64BitsToDouble(bits));
        Assert.False(JsonCanonicalizer.TryCanonicalize(node, out _, out var error));
        Assert.Contains("NaN", error, StringComparison.Ordinal);
    }

    [Fact]
    public void NumberOutsideDoubleRange_IsRefused()
    {
        Assert.False(JsonCanonicalizer.TryCanonicalize("[1e400]"u8, out _, out _));
        Assert.False(JsonCanonicalizer.TryCanonicalize("-1e400"u8, out _, out _));
    }

    [Theory]
    [InlineData("1.0", "1")]
    [InlineData("-0.0", "0")]
    [InlineData("100", "100")]
    [InlineData("1e2", "100")]
    [InlineData("0.1", "0.1")]
    [InlineData("1E-7", "1e-7")]
    [InlineData("123456789012345678901234", "1.2345678901234569e+23")] // node: String(123456789012345678901234)
    [InlineData("9007199254740993", "9007199254740992")]
    [InlineData("1e-6", "0.000001")]
    [InlineData("12.5e-7", "0.00000125")]
    public void NumberText_IsRewrittenInEcmaScriptForm(string input, string expected) =>
        Assert.Equal(expected, Encoding.UTF8.GetString(JsonCanonicalizer.Canonicalize(Encoding.UTF8.GetBytes(input))));

    // The deterministic number sequence of cyberphone/json-canonicalization testdata/README.md:
    // 168 edge values, 2000 subnormal steps, then doubles read from a SHA-256 chain.
    [Fact]
    public void Es6TestFile_First100000Lines_HaveThePublishedHash() =>
        Assert.Equal(Es6NumberTestFile.Sha256Of100000Lines, HashOfLines(100_000));

    [Fact]
    public void Es6TestFile_First1000000Lines_HaveThePublishedHash() =>
        Assert.Equal(Es6NumberTestFile.Sha256Of1000000Lines, HashOfLines(1_000_000));

    private static string HashOfLines(int count)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var line = new StringBuilder();
        foreach (var value in Sequence().Take(count))
        {
            line.Clear()
                .Append(BitConverter.DoubleToUInt64Bits(value).ToString("x", CultureInfo.InvariantCulture))
                .Append(',')
                .Append(JcsNumberFormatter.Format(value))
                .Append('\n');
            sha.AppendData(Encoding.ASCII.GetBytes(line.ToString()));
        }

        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    private static IEnumerable<double> Sequence()
    {
        foreach (var bits in Es6NumberTestFile.StaticValues)
        {
            yield return BitConverter.UInt64BitsToDouble(bits);
        }

        for (var i = 0UL; i < 2000; i++)
        {
            yield return BitConverter.UInt64BitsToDouble(0x0010000000000000UL + i);
        }

        var block = new byte[32];
        while (true)
        {
            block = SHA256.HashData(block);
            for (var offset = 0; offset < block.Length; offset += 8)
            {
                var value = BitConverter.UInt64BitsToDouble(BinaryPrimitives.ReadUInt64LittleEndian(block.AsSpan(offset)));
                if (value != 0 && double.IsFinite(value))
                {
                    yield return value;
                }
            }
        }
    }
}
