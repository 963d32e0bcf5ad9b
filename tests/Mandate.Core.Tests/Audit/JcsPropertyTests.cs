using System.Text;
using System.Text.Json.Nodes;
using FsCheck.Xunit;
using Mandate.Core.Audit;

namespace Mandate.Core.Tests.Audit;

/// <summary>Laws of RFC 8785 over generated documents.</summary>
public sealed class JcsPropertyTests
{
    [Property(MaxTest = 300, Arbitrary = [typeof(JsonArbitraries)])]
    public void Canonical_IsIdempotent_AndRecognisedAsCanonical(JsonDocumentCase doc)
    {
        var canonical = JsonCanonicalizer.Canonicalize(doc.Node);
        Assert.True(JsonCanonicalizer.IsCanonical(canonical));
        Assert.Equal(canonical, JsonCanonicalizer.Canonicalize(canonical));
    }

    [Property(MaxTest = 300, Arbitrary = [typeof(JsonArbitraries)])]
    public void Canonical_ParsesBackToTheSameValue(JsonDocumentCase doc)
    {
        var canonical = JsonCanonicalizer.Canonicalize(doc.Node);
        var reparsed = JsonNode.Parse(canonical);
        Assert.True(SameValue(doc.Node, reparsed), Encoding.UTF8.GetString(canonical));
    }

    [Property(MaxTest = 300, Arbitrary = [typeof(JsonArbitraries)])]
    public void Canonical_DoesNotDependOnTheInputsLayoutOrMemberOrder(JsonDocumentCase doc)
    {
        var canonical = JsonCanonicalizer.Canonicalize(doc.Node);
        var indented = doc.Node?.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }) ?? "null";
        Assert.Equal(canonical, JsonCanonicalizer.Canonicalize(Encoding.UTF8.GetBytes(indented)));
        Assert.Equal(canonical, JsonCanonicalizer.Canonicalize(Reversed(doc.Node)));
    }

    private static JsonNode? Reversed(JsonNode? node) => node switch
    {
        JsonObject obj => new JsonObject(obj.Reverse().Select(m => KeyValuePair.Create(m.Key, Reversed(m.Value)))),
        JsonArray array => new JsonArray(array.Select(Reversed).ToArray()),
        _ => node?.DeepClone(),
    };

    private static bool SameValue(JsonNode? a, JsonNode? b) => (a, b) switch
    {
        (null, null) => true,
        (JsonObject x, JsonObject y) => x.Count == y.Count && x.All(m => y.TryGetPropertyValue(m.Key, out var v) && SameValue(m.Value, v)),
        (JsonArray x, JsonArray y) => x.Count == y.Count && x.Zip(y).All(p => SameValue(p.First, p.Second)),
        (JsonValue x, JsonValue y) when x.GetValueKind() == System.Text.Json.JsonValueKind.Number =>
            y.GetValueKind() == System.Text.Json.JsonValueKind.Number && AsDouble(x) == AsDouble(y),
        (JsonValue x, JsonValue y) => JsonNode.DeepEquals(x, y),
        _ => false,
    };

    private static double AsDouble(JsonValue value) =>
        double.Parse(value.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture);
}
