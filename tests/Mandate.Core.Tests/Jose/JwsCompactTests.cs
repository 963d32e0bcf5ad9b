using Mandate.Core.Jose;

namespace Mandate.Core.Tests.Jose;

/// <summary>
/// The splitter behind the mandate verifier decodes each part in one pass; it must accept exactly the
/// parts the JWS parser accepts (alphabet, then Base64Url.IsValid), whatever the last quantum holds.
/// </summary>
public sealed class JwsCompactTests
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    [Fact]
    public void TryDecode_AcceptsExactlyThePartsTheJwsParserAccepts()
    {
        var buffer = new byte[JwsCompact.BufferLength(64)];
        var checkedParts = 0;
        foreach (var part in FinalQuanta())
        {
            var decoded = JwsCompact.TryDecode("e30." + part + ".AAAA", 64, buffer, out _, out _);

            Assert.True(decoded == JwsCompact.IsBase64UrlPart(part), $"'{part}': decoded {decoded}");
            checkedParts++;
        }

        Assert.True(checkedParts > 250_000, $"{checkedParts} parts");
    }

    [Theory]
    [InlineData("e30.e30.AAAA", true)]
    [InlineData("e30.e30", false)]
    [InlineData("e30.e30.AAAA.e30", false)]
    [InlineData(".e30.AAAA", false)]
    [InlineData("e30..AAAA", false)]
    [InlineData("e30.e30.", false)]
    [InlineData("e30.e3 0.AAAA", false)]
    [InlineData("e30.e30=.AAAA", false)]
    [InlineData("e30.e3+.AAAA", false)]
    [InlineData("e30.e30.AAAAA", false)]
    [InlineData("", false)]
    public void TryDecode_Token_IsSplitLikeTheJwsParserSplitsIt(string token, bool accepted)
    {
        var decoded = JwsCompact.TryDecode(token, 64, new byte[JwsCompact.BufferLength(token.Length)], out var parts, out var reason);

        Assert.Equal(accepted, decoded);
        Assert.Equal(accepted, reason.Length == 0);
        if (accepted)
        {
            Assert.Equal("{}"u8, parts.Header);
            Assert.Equal("{}"u8, parts.Payload);
            Assert.Equal("e30.e30"u8, parts.SigningInput);
            Assert.Equal(3, parts.Signature.Length);
        }
    }

    /// <summary>Every last quantum of one to three characters, alone and after a full one, and a sample of full quanta.</summary>
    private static IEnumerable<string> FinalQuanta()
    {
        foreach (var prefix in new[] { "", "AAAA" })
        {
            foreach (var a in Alphabet)
            {
                yield return prefix + a;
                foreach (var b in Alphabet)
                {
                    yield return prefix + a + b;
                    foreach (var c in Alphabet)
                    {
                        yield return prefix + a + b + c;
                    }
                }
            }
        }

        for (var i = 0; i < 4096; i++)
        {
            yield return string.Concat(Alphabet[i % 64], Alphabet[(i / 64) % 64], Alphabet[(i * 7) % 64], Alphabet[(i * 13) % 64]);
        }
    }
}
