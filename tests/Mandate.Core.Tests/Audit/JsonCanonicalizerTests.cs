using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Mandate.Core.Audit;

namespace Mandate.Core.Tests.Audit;

public sealed class JsonCanonicalizerTests
{
    // cyberphone/json-canonicalization testdata/input/*.json and testdata/outhex/*.txt (commit
    // 19d51d7fe467d4706a3ff08adf8a748f29fc21e0). "values" is the RFC 8785 §3.2.4 example, whose hex
    // dump the RFC prints; "weird" extends the RFC §3.2.3 sorting example.
    public static TheoryData<string, string, string> ReferenceFiles => new()
    {
        {
            "arrays",
            """
            [
              56,
              {
                "d": true,
                "10": null,
                "1": [ ]
              }
            ]
            """,
            "5b35362c7b2231223a5b5d2c223130223a6e756c6c2c2264223a747275657d5d"
        },
        {
            "french",
            """
            {
              "peach": "This sorting order",
              "péché": "is wrong according to French",
              "pêche": "but canonicalization MUST",
              "sin":   "ignore locale"
            }
            """,
            "7b227065616368223a225468697320736f7274696e67206f72646572222c2270c3a96368c3a9223a2269732077726f6e67206163636f7264696e6720746f204672656e6368222c2270c3aa636865223a226275742063616e6f6e6963616c697a6174696f6e204d555354222c2273696e223a2269676e6f7265206c6f63616c65227d"
        },
        {
            "structures",
            """
            {
              "1": {"f": {"f": "hi","F": 5} ,"\n": 56.0},
              "10": { },
              "": "empty",
              "a": { },
              "111": [ {"e": "yes","E": "no" } ],
              "A": { }
            }
            """,
            "7b22223a22656d707479222c2231223a7b225c6e223a35362c2266223a7b2246223a352c2266223a226869227d7d2c223130223a7b7d2c22313131223a5b7b2245223a226e6f222c2265223a22796573227d5d2c2241223a7b7d2c2261223a7b7d7d"
        },
        {
            "unicode",
            """
            {
              "Unnormalized Unicode":"A\u030a"
            }
            """,
            "7b22556e6e6f726d616c697a656420556e69636f6465223a2241cc8a227d"
        },
        {
            "values",
            """
            {
              "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
              "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
              "literals": [null, true, false]
            }
            """,
            "7b226c69746572616c73223a5b6e756c6c2c747275652c66616c73655d2c226e756d62657273223a5b3333333333333333332e333333333333332c31652b33302c342e352c302e3030322c31652d32375d2c22737472696e67223a22e282ac245c75303030665c6e4127425c225c5c5c5c5c222f227d"
        },
        {
            "weird",
            """
            {
              "\u20ac": "Euro Sign",
              "\r": "Carriage Return",
              "\u000a": "Newline",
              "1": "One",
              "\u0080": "Control\u007f",
              "\ud83d\ude02": "Smiley",
              "\u00f6": "Latin Small Letter O With Diaeresis",
              "\ufb33": "Hebrew Letter Dalet With Dagesh",
              "</script>": "Browser Challenge"
            }
            """,
            "7b225c6e223a224e65776c696e65222c225c72223a2243617272696167652052657475726e222c2231223a224f6e65222c223c2f7363726970743e223a2242726f77736572204368616c6c656e6765222c22c280223a22436f6e74726f6c7f222c22c3b6223a224c6174696e20536d616c6c204c6574746572204f205769746820446961657265736973222c22e282ac223a224575726f205369676e222c22f09f9882223a22536d696c6579222c22efacb3223a22486562726577204c65747465722044616c6574205769746820446167657368227d"
        },
    };

    [Theory]
    [MemberData(nameof(ReferenceFiles))]
    public void ReferenceInput_CanonicalizesToReferenceBytes(string name, string input, string expectedHex)
    {
        Assert.False(string.IsNullOrEmpty(name));
        var expected = Convert.FromHexString(expectedHex);
        var fromText = JsonCanonicalizer.Canonicalize(Encoding.UTF8.GetBytes(input));
        Assert.Equal(expected, fromText);

        using var document = JsonDocument.Parse(input);
        Assert.True(JsonCanonicalizer.TryCanonicalize(document.RootElement, out var fromElement, out _));
        Assert.Equal(expected, fromElement);

        Assert.Equal(expected, JsonCanonicalizer.Canonicalize(JsonNode.Parse(input)));
        Assert.True(JsonCanonicalizer.IsCanonical(expected));
        Assert.Equal(expected, JsonCanonicalizer.Canonicalize(expected)); // idempotent
    }

    [Fact]
    public void Members_SortByUtf16CodeUnits_AsInRfc8785Section323()
    {
        // RFC 8785 §3.2.3: U+1F600 (surrogates D83D DE00) sorts before U+FB33 by UTF-16 code units,
        // though after it by code point.
        const string input = """
            {
              "\u20ac": "Euro Sign",
              "\r": "Carriage Return",
              "\ufb33": "Hebrew Letter Dalet With Dagesh",
              "1": "One",
              "\ud83d\ude00": "Emoji: Grinning Face",
              "\u0080": "Control",
              "\u00f6": "Latin Small Letter O With Diaeresis"
            }
            """;
        var canonical = JsonNode.Parse(JsonCanonicalizer.Canonicalize(Encoding.UTF8.GetBytes(input)))!.AsObject();
        Assert.Equal(
            ["\r", "1", "\u0080", "\u00f6", "\u20ac", "\ud83d\ude00", "\ufb33"],
            canonical.Select(member => member.Key));
        Assert.Equal(
            "Carriage Return One Control Latin Small Letter O With Diaeresis Euro Sign Emoji: Grinning Face Hebrew Letter Dalet With Dagesh",
            string.Join(' ', canonical.Select(member => member.Value!.GetValue<string>())));
    }

    [Theory]
    [InlineData("""{"a":1,"a":2}""")]
    [InlineData("""{"b":{"x":true,"y":false,"x":null}}""")]
    [InlineData("""[{"\u0061":1,"a":2}]""")]
    public void DuplicateMemberNames_AreRefused(string input)
    {
        Assert.False(JsonCanonicalizer.TryCanonicalize(Encoding.UTF8.GetBytes(input), out var canonical, out var error));
        Assert.Null(canonical);
        Assert.Contains("duplicate", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"\\ud800\"")]
    [InlineData("\"a\\udc00b\"")]
    [InlineData("{\"\\ud83d\":1}")]
    [InlineData("[\"\\ude02\\ud83d\"]")]
    public void LoneSurrogateEscapes_AreRefused(string input) =>
        Assert.False(JsonCanonicalizer.TryCanonicalize(Encoding.UTF8.GetBytes(input), out _, out _));

    [Fact]
    public void LoneSurrogateInNodeString_IsRefused()
    {
        Assert.False(JsonCanonicalizer.TryCanonicalize(new JsonObject { ["k"] = "a\ud800" }, out _, out var error));
        Assert.Contains("surrogate", error, StringComparison.Ordinal);
        Assert.False(JsonCanonicalizer.TryCanonicalize(new JsonObject { ["\udc00"] = 1 }, out _, out _));
    }

    [Theory]
    [InlineData("")]
    [InlineData("{")]
    [InlineData("{\"a\":1,}")]
    [InlineData("[1] [2]")]
    [InlineData("// c\n1")]
    [InlineData("{'a':1}")]
    [InlineData("NaN")]
    [InlineData("\"\xff\"")]
    public void InvalidJson_IsRefusedWithAReason(string input)
    {
        var bytes = input.Contains('\xff', StringComparison.Ordinal) ? [0x22, 0xff, 0x22] : Encoding.UTF8.GetBytes(input);
        Assert.False(JsonCanonicalizer.TryCanonicalize(bytes, out _, out var error));
        Assert.False(string.IsNullOrWhiteSpace(error));
        Assert.Throws<ArgumentException>(() => JsonCanonicalizer.Canonicalize(bytes));
    }

    [Fact]
    public void Strings_AreEscapedExactlyAsEcmaScriptJsonStringify()
    {
        // Short escapes for \b \f \n \r \t " \; \u00xx (lowercase) for other C0; nothing else escaped.
        var node = new JsonArray("\b\f\n\r\t\"\\", "\u0000\u0001\u001f", "/ < > & ' \u007f \u2028 \u2029 é 😀");
        var text = Encoding.UTF8.GetString(JsonCanonicalizer.Canonicalize(node));
        Assert.Equal("[\"\\b\\f\\n\\r\\t\\\"\\\\\",\"\\u0000\\u0001\\u001f\",\"/ < > & ' \u007f \u2028 \u2029 é 😀\"]", text);
    }

    [Fact]
    public void NodeValuesOfAnyClrType_CanonicalizeLikeTheirJsonText()
    {
        var built = new JsonObject
        {
            ["int"] = 42,
            ["long"] = 9007199254740993L,
            ["decimal"] = 4.50m,
            ["double"] = 0.1 + 0.2,
            ["float"] = 1.5f,
            ["bool"] = true,
            ["null"] = null,
            ["guid"] = Guid.Parse("8f1bd4b8-1b2c-4d3e-9f00-0123456789ab"),
            ["nested"] = new JsonArray(1, "two", new JsonObject()),
        };
        var text = Encoding.UTF8.GetString(JsonCanonicalizer.Canonicalize(built));
        Assert.Equal(
            """{"bool":true,"decimal":4.5,"double":0.30000000000000004,"float":1.5,"guid":"8f1bd4b8-1b2c-4d3e-9f00-0123456789ab","int":42,"long":9007199254740992,"nested":[1,"two",{}],"null":null}""",
            text);
        Assert.Equal("null", Encoding.UTF8.GetString(JsonCanonicalizer.Canonicalize((JsonNode?)null)));
    }

    [Fact]
    public void NestingBeyondTheLimit_IsRefused()
    {
        JsonNode deep = new JsonArray();
        for (var i = 0; i < 100; i++)
        {
            deep = new JsonArray(deep);
        }

        Assert.False(JsonCanonicalizer.TryCanonicalize(deep, out _, out var error));
        Assert.Contains("nesting", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"b":1,"a":2}""")]
    [InlineData("""{"a": 2}""")]
    [InlineData("""[1.0]""")]
    [InlineData("""["\u0041"]""")]
    [InlineData(""" {"a":2}""")]
    public void NonCanonicalText_IsNotCanonical(string input) =>
        Assert.False(JsonCanonicalizer.IsCanonical(Encoding.UTF8.GetBytes(input)));
}
