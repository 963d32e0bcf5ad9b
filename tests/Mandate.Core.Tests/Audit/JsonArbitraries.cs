using System.Text;
using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;

namespace Mandate.Core.Tests.Audit;

/// <summary>
/// FsCheck generators of I-JSON documents: nested objects and arrays, any finite double (from raw
/// IEEE-754 bits), and strings over all of Unicode (controls, BMP, astral; never a lone surrogate).
/// </summary>
public static class JsonArbitraries
{
    public static Arbitrary<JsonDocumentCase> Documents() =>
        Gen.Sized(size => Value(Math.Min(size, 30))).Select(node => new JsonDocumentCase(node)).ToArbitrary();

    private static Gen<JsonNode?> Value(int size)
    {
        if (size <= 1)
        {
            return Scalar();
        }

        var child = Gen.Sized(s => Value(s)).Resize(size / 3);
        var array = Gen.ListOf(child).Select(items => (JsonNode?)new JsonArray(items.ToArray()));
        var obj = Gen.ListOf(Gen.Zip(Text(), child)).Select(ToObject);
        return Gen.Frequency(new[] { (4, Scalar()), (1, array), (2, obj) });
    }

    private static JsonNode? ToObject(IEnumerable<(string Key, JsonNode? Value)> members)
    {
        var obj = new JsonObject();
        foreach (var (key, value) in members)
        {
            obj[key] = value; // a repeated key keeps its last value: objects stay duplicate-free
        }

        return obj;
    }

    private static Gen<JsonNode?> Scalar() =>
        Gen.OneOf(
            Gen.Constant<JsonNode?>(null),
            Gen.Elements(true, false).Select(b => (JsonNode?)JsonValue.Create(b)),
            Number().Select(d => (JsonNode?)JsonValue.Create(d)),
            Gen.Choose(-1000, 1000).Select(i => (JsonNode?)JsonValue.Create(i)),
            Text().Select(s => (JsonNode?)JsonValue.Create(s)));

    private static Gen<double> Number() =>
        Gen.Zip(Gen.Choose(int.MinValue, int.MaxValue), Gen.Choose(int.MinValue, int.MaxValue))
            .Select(p => BitConverter.UInt64BitsToDouble(((ulong)(uint)p.Item1 << 32) | (uint)p.Item2))
            .Where(double.IsFinite);

    private static Gen<string> Text() =>
        Gen.ListOf(Gen.Frequency(new[]
            {
                (6, Gen.Choose(0x20, 0x7E)),
                (1, Gen.Choose(0x00, 0x1F)),
                (1, Gen.Choose(0x7F, 0xD7FF)),
                (1, Gen.Choose(0xE000, 0xFFFF)),
                (1, Gen.Choose(0x10000, 0x10FFFF)),
            }))
            .Select(codePoints =>
            {
                var sb = new StringBuilder();
                foreach (var cp in codePoints)
                {
                    sb.Append(char.ConvertFromUtf32(cp));
                }

                return sb.ToString();
            });
}
