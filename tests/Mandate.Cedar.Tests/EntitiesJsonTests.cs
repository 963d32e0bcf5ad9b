using Mandate.Cedar.Extensions;

namespace Mandate.Cedar.Tests;

public sealed class EntitiesJsonTests
{
    [Fact]
    public void Integers_BeyondTwoToThe53_AreReadExactly()
    {
        var entities = Entities.FromJson("""[{"uid": {"type": "U", "id": "a"}, "attrs": {"n": 9007199254740993, "m": -9223372036854775808}, "parents": []}]""");
        Assert.True(entities.TryGet(new EntityUid("U", "a"), out var entity));
        Assert.Equal(9007199254740993L, ((LongValue)entity.Attributes["n"]).Value);
        Assert.Equal(long.MinValue, ((LongValue)entity.Attributes["m"]).Value);
    }

    [Fact]
    public void EntityAndExtensionEscapes_AreUnderstoodInBothSpellings()
    {
        var entities = Entities.FromJson("""
            [{"uid": {"__entity": {"type": "NS::U", "id": "a"}}, "parents": [],
              "attrs": {
                "owner": {"__entity": {"type": "U", "id": "b"}},
                "ip": {"__extn": {"fn": "ip", "arg": "10.0.0.1"}},
                "when": {"__extn": {"fn": "offset", "args": [{"__extn": {"fn": "datetime", "arg": "1970-01-01"}}, {"__extn": {"fn": "duration", "arg": "1h"}}]}},
                "plain": {"type": "U", "id": "c"}
              }}]
            """);
        Assert.True(entities.TryGet(new EntityUid("NS::U", "a"), out var entity));
        Assert.Equal(new EntityUid("U", "b"), entity.Attributes["owner"]);
        Assert.IsType<IpAddrValue>(entity.Attributes["ip"]);
        Assert.Equal(3_600_000, ((DateTimeValue)entity.Attributes["when"]).EpochMilliseconds);
        Assert.IsType<RecordValue>(entity.Attributes["plain"]);
    }

    [Fact]
    public void SchemaShapes_AllowImplicitEntityAndExtensionForms()
    {
        var shapes = new FixedShapes(JsonShape.RecordOf(new Dictionary<string, JsonShape>
        {
            ["owner"] = JsonShape.EntityOf("U"),
            ["ips"] = JsonShape.SetOf(JsonShape.ExtensionOf("ipaddr")),
        }));
        var entities = Entities.FromJson("""[{"uid": {"type": "U", "id": "a"}, "parents": [], "attrs": {"owner": {"type": "U", "id": "b"}, "ips": ["10.0.0.1"]}}]""", shapes);
        Assert.True(entities.TryGet(new EntityUid("U", "a"), out var entity));
        Assert.Equal(new EntityUid("U", "b"), entity.Attributes["owner"]);
        Assert.IsType<IpAddrValue>(((SetValue)entity.Attributes["ips"]).Items[0]);
    }

    [Fact]
    public void ToJson_RoundTripsEveryValueKind()
    {
        const string json = """
            [{"uid": {"type": "U", "id": "a"}, "parents": [{"type": "G", "id": "g"}], "tags": {"t": 1},
              "attrs": {"b": true, "n": -5, "s": "x", "e": {"__entity": {"type": "U", "id": "b"}}, "set": [1, [2]], "r": {"k": "v"},
                        "ip": {"__extn": {"fn": "ip", "arg": "10.0.0.0/8"}}, "d": {"__extn": {"fn": "decimal", "arg": "1.5"}},
                        "dt": {"__extn": {"fn": "datetime", "arg": "2024-01-01T00:00:00Z"}}, "du": {"__extn": {"fn": "duration", "arg": "-1h"}}}}]
            """;
        var entities = Entities.FromJson(json);
        var back = Entities.FromJson(entities.ToJson());
        Assert.True(entities.TryGet(new EntityUid("U", "a"), out var original));
        Assert.True(back.TryGet(new EntityUid("U", "a"), out var copy));
        Assert.Equal(RecordValue.Create(original.Attributes), RecordValue.Create(copy.Attributes));
        Assert.Equal(RecordValue.Create(original.Tags), RecordValue.Create(copy.Tags));
        Assert.Equal(original.Parents, copy.Parents);
    }

    [Theory]
    [InlineData("""{"uid": {"type": "U", "id": "a"}}""")]
    [InlineData("""[{"uid": {"type": "U"}}]""")]
    [InlineData("""[{"uid": {"type": "U", "id": "a"}, "attrs": {"x": 1.5}}]""")]
    [InlineData("""[{"uid": {"type": "U", "id": "a"}, "attrs": {"x": {"__extn": {"fn": "ip", "arg": "nope"}}}}]""")]
    [InlineData("""[{"uid": {"type": "U", "id": "a"}}, {"uid": {"type": "U", "id": "a"}, "attrs": {"x": 1}}]""")]
    [InlineData("""[{"uid": {"type": "U", "id": "a"}, "attrs": {"x": null}}]""")]
    public void InvalidEntityJson_IsRejectedWithAClearError(string json) =>
        Assert.Throws<CedarJsonException>(() => Entities.FromJson(json));

    [Fact]
    public void DeeplyNestedJson_IsRejectedNotACrash()
    {
        var json = "[{\"uid\": {\"type\": \"U\", \"id\": \"a\"}, \"attrs\": {\"x\": " + new string('[', 100_000) + new string(']', 100_000) + "}}]";
        Assert.Throws<CedarJsonException>(() => Entities.FromJson(json));
    }

    private sealed class FixedShapes(JsonShape attributes) : IJsonShapeProvider
    {
        public IEnumerable<Entity> ActionEntities => [];

        public JsonShape? Context(EntityUid action) => null;

        public JsonShape? EntityAttributes(string entityType) => attributes;

        public JsonShape? EntityTags(string entityType) => null;
    }
}
