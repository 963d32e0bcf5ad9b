using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Mandate.Core.Audit;

namespace Mandate.Core.Tests.Audit;

public sealed class AuditLeafHasherTests
{
    private readonly AuditLeafHasher _hasher = new(new SecretRedactor(RandomNumberGenerator.GetBytes(32)));

    [Fact]
    public void Leaf_IsTheRfc6962HashOfTheCanonicalBytes()
    {
        var record = JsonNode.Parse("""{"seq": 1, "kind": "lifecycle", "time": "2026-11-23T13:00:00Z", "amount": 1.50}""");
        Assert.True(_hasher.TryCreateLeaf(record, out var leaf, out var error), error);
        Assert.Equal("""{"amount":1.5,"kind":"lifecycle","seq":1,"time":"2026-11-23T13:00:00Z"}""", Encoding.UTF8.GetString(leaf.CanonicalBytes.Span));
        Assert.Equal(SHA256.HashData([0x00, .. leaf.CanonicalBytes.Span]), leaf.LeafHash.ToArray());
        Assert.Equal(LeafCheck.Valid, AuditLeafHasher.Check(leaf.CanonicalBytes.Span, leaf.LeafHash.Span));
    }

    [Fact]
    public void NonObjectOrNonCanonicalizableRecord_IsRefused()
    {
        Assert.False(_hasher.TryCreateLeaf(new JsonArray(1), out _, out var error));
        Assert.Contains("object", error, StringComparison.Ordinal);
        Assert.False(_hasher.TryCreateLeaf(null, out _, out _));
        Assert.False(_hasher.TryCreateLeaf(new JsonObject { ["x"] = double.NaN }, out _, out _));
    }

    [Fact]
    public void EditedStoredBytes_AreDetected()
    {
        Assert.True(_hasher.TryCreateLeaf(new JsonObject { ["seq"] = 1, ["decision"] = "deny" }, out var leaf, out _));
        var edited = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(leaf.CanonicalBytes.Span).Replace("deny", "allo", StringComparison.Ordinal));
        Assert.Equal(LeafCheck.HashMismatch, AuditLeafHasher.Check(edited, leaf.LeafHash.Span));
        Assert.Equal(LeafCheck.NotCanonical, AuditLeafHasher.Check("""{"seq":1, "decision":"deny"}"""u8, leaf.LeafHash.Span));
    }
}
