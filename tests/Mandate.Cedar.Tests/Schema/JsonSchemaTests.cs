using Mandate.Cedar.Schema;

namespace Mandate.Cedar.Tests.Schema;

public sealed class JsonSchemaTests
{
    private const string Json = """
        {
          "Photos": {
            "commonTypes": {
              "Address": { "type": "Record", "attributes": { "street": { "type": "String" }, "zip": { "type": "Long", "required": false } } }
            },
            "entityTypes": {
              "Group": {},
              "User": {
                "memberOfTypes": ["Group"],
                "shape": { "type": "Record", "attributes": {
                  "name": { "type": "String" },
                  "address": { "type": "Address" },
                  "friends": { "type": "Set", "element": { "type": "Entity", "name": "User" } },
                  "home": { "type": "Extension", "name": "ipaddr" },
                  "boss": { "type": "EntityOrCommon", "name": "User" },
                  "admin": { "type": "Boolean" }
                } },
                "tags": { "type": "String" }
              },
              "Visibility": { "enum": ["public", "private"] }
            },
            "actions": {
              "view": { "appliesTo": { "principalTypes": ["User"], "resourceTypes": ["Group"], "context": { "type": "Record", "attributes": { "ip": { "type": "Extension", "name": "ipaddr" } } } } },
              "edit": { "memberOf": [{ "id": "view" }] }
            }
          }
        }
        """;

    private const string Same = """
        namespace Photos {
          type Address = { street: String, zip?: Long };
          entity Group;
          entity User in [Group] { name: String, address: Address, friends: Set<User>, home: ipaddr, boss: User, admin: Bool } tags String;
          entity Visibility enum ["public", "private"];
          action view appliesTo { principal: [User], resource: [Group], context: { ip: ipaddr } };
          action edit in [view];
        }
        """;

    [Fact]
    public void ParseJson_DescribesTheSameSchemaAsTheCedarFormat()
    {
        var json = CedarSchema.ParseJson(Json);
        var cedar = CedarSchema.Parse(Same);
        Assert.Equal(cedar.EntityTypes.Keys.Order(StringComparer.Ordinal), json.EntityTypes.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, type) in cedar.EntityTypes)
        {
            Assert.Equal(CedarType.Record(type.Attributes), CedarType.Record(json.EntityTypes[name].Attributes));
            Assert.Equal(type.Parents, json.EntityTypes[name].Parents);
            Assert.Equal(type.Tags, json.EntityTypes[name].Tags);
            Assert.Equal(type.EnumChoices, json.EntityTypes[name].EnumChoices);
        }

        foreach (var (uid, action) in cedar.Actions)
        {
            var other = json.Actions[uid];
            Assert.Equal(action.HasAppliesTo, other.HasAppliesTo);
            Assert.Equal(action.Principals, other.Principals);
            Assert.Equal(action.Context, other.Context);
            Assert.Equal(action.Descendants.Order(), other.Descendants.Order());
        }
    }

    [Fact]
    public void ParseJson_MalformedJson_ReportsThePosition()
    {
        Assert.False(CedarSchema.TryParseJson("{\n  \"A\": {\n    \"entityTypes\": { \"E\": {} },,\n  }\n}", out _, out var errors));
        var error = Assert.Single(errors);
        Assert.Equal(3, error.Line);
        Assert.StartsWith("invalid JSON", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseJson_ReportsEveryStructuralProblem()
    {
        Assert.False(CedarSchema.TryParseJson("""
            { "": {
              "entityTypes": { "E": { "shape": { "type": "Record", "attributes": { "a": { "type": "Set" } } }, "color": 1 } },
              "actions": { "a": { "appliesTo": { "principalTypes": "E", "resourceTypes": [] } }, "b": { "appliesTo": {} } },
              "extra": {}
            } }
            """, out _, out var errors));
        Assert.Equal(6, errors.Count);
    }

    [Fact]
    public void TryParseAny_PicksTheFormatFromTheText()
    {
        Assert.True(CedarSchema.TryParseAny(Json, out var fromJson, out _));
        Assert.True(CedarSchema.TryParseAny(Same, out var fromCedar, out _));
        Assert.Equal(fromCedar.EntityTypes.Count, fromJson.EntityTypes.Count);
    }
}
