using Mandate.Cedar.Schema;

namespace Mandate.Cedar.Tests.Schema;

/// <summary>Broken and hostile schema text gives errors, never an exception, a hang or a stack overflow.</summary>
public sealed class SchemaRobustnessTests
{
    private const string Sample = """
        @doc("x")
        namespace App {
          type Address = { street: String, "zip"?: Long };
          entity Group;
          entity User in [Group] = { name: String, friends: Set<User>, address: Address } tags String;
          entity Stage enum ["a", "b"];
          action view appliesTo { principal: [User], resource: Group, context: { ip: ipaddr } };
          action edit in ["view"];
        }
        entity Outside;
        """;

    [Fact]
    public void TryParse_EveryPrefixOfASchema_ReturnsWithoutThrowing()
    {
        for (var i = 0; i <= Sample.Length; i++)
        {
            CedarSchema.TryParse(Sample[..i], out _, out _);
            CedarSchema.TryParse(Sample[..i] + "}", out _, out _);
        }
    }

    [Fact]
    public void TryParseJson_EveryPrefixOfASchema_ReturnsWithoutThrowing()
    {
        const string json = """{ "A": { "entityTypes": { "E": { "shape": { "type": "Record", "attributes": { "a": { "type": "Set", "element": { "type": "Long" } } } } } }, "actions": { "a": { "appliesTo": { "principalTypes": ["E"], "resourceTypes": ["E"] } } } } }""";
        for (var i = 0; i <= json.Length; i++)
        {
            CedarSchema.TryParseJson(json[..i], out _, out _);
        }

        Assert.True(CedarSchema.TryParseJson(json, out _, out _));
    }

    [Theory]
    [InlineData(100_000)]
    public void TryParse_DeeplyNestedTypes_AreRejectedWithAnError(int depth)
    {
        var sets = "entity E { a: " + string.Concat(Enumerable.Repeat("Set<", depth)) + "Long" + new string('>', depth) + " };";
        Assert.False(CedarSchema.TryParse(sets, out _, out var errors));
        Assert.Contains(errors, e => e.Message.Contains("nested too deeply", StringComparison.Ordinal));

        var records = "entity E " + string.Concat(Enumerable.Repeat("{ a: ", depth)) + "Long" + new string('}', depth) + ";";
        Assert.False(CedarSchema.TryParse(records, out _, out errors));
        Assert.Contains(errors, e => e.Message.Contains("nested too deeply", StringComparison.Ordinal));
    }
}
