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
    public void ParseJson_StructuralProblems_AreReportedAtTheJsonValueTheyAreAbout()
    {
        // `$` marks each expected place (removed before parsing), in the order of the expected messages.
        AssertAtMarks(
            """
            { "": {
              "entityTypes": {
                "E": { "annotations": { "doc": "café ünï" }, $"color": 1,
                       "shape": { "type": "Record", "attributes": { "a": ${ "type": "Set" } } } }
              },
              "actions": {
                "a": { "appliesTo": { "principalTypes": $"E", "resourceTypes": [] } },
                "b": { "appliesTo": $${} }
              },
              $"extra": {}
            } }
            """,
            "unknown field `color`",
            "needs an `element` type",
            "`principalTypes` must be an array",
            "missing `principalTypes`",
            "missing `resourceTypes`",
            "unknown field `extra`");
    }

    [Fact]
    public void ParseJson_UnresolvedNames_AreReportedWhereTheyAreDeclaredOrUsed()
    {
        AssertAtMarks(
            """
            {
              "NS": {
                "entityTypes": {
                  $"User": { "memberOfTypes": ["Team"] },
                  "Doc": { "shape": { "type": "Record", "attributes": { "owner": ${ "type": "Nope" } } } }
                },
                "actions": {
                  "read": { "memberOf": [${ "id": "all" }] }
                }
              }
            }
            """,
            "`Team` has not been declared",
            "`Nope` has not been declared",
            "undeclared action \"all\"");
    }

    private static void AssertAtMarks(string marked, params string[] messages)
    {
        var places = new List<(int Line, int Column)>();
        var text = new System.Text.StringBuilder();
        var (line, column) = (1, 1);
        foreach (var c in marked)
        {
            if (c == '$')
            {
                places.Add((line, column));
                continue;
            }

            text.Append(c);
            (line, column) = c == '\n' ? (line + 1, 1) : (line, column + 1);
        }

        Assert.False(CedarSchema.TryParseJson(text.ToString(), out _, out var errors));
        var expected = places.Zip(messages, (p, m) => $"{p.Line}:{p.Column}: …{m}…");
        var actual = errors.OrderBy(e => e.Line).ThenBy(e => e.Column).Select(e => e.ToString());
        Assert.True(places.Count == errors.Count, string.Join("\n", expected) + "\n--- but got ---\n" + string.Join("\n", actual));
        Assert.All(places.Zip(messages, errors.OrderBy(e => e.Line).ThenBy(e => e.Column)), x =>
            Assert.True(x.Third.Message.Contains(x.Second, StringComparison.Ordinal) && (x.Third.Line, x.Third.Column) == x.First, string.Join("\n", expected) + "\n--- but got ---\n" + string.Join("\n", actual)));
    }

    [Fact]
    public void TryParseAny_PicksTheFormatFromTheText()
    {
        Assert.True(CedarSchema.TryParseAny(Json, out var fromJson, out _));
        Assert.True(CedarSchema.TryParseAny(Same, out var fromCedar, out _));
        Assert.Equal(fromCedar.EntityTypes.Count, fromJson.EntityTypes.Count);
    }
}
