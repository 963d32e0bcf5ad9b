using Mandate.Cedar.Schema;

namespace Mandate.Cedar.Tests.Schema;

public sealed class SchemaJsonShapesTests
{
    private static readonly CedarSchema Schema = CedarSchema.Parse("""
        entity Team;
        entity User in [Team] { manager: User, home: ipaddr, limits: { spend: decimal }, teams: Set<Team> } tags datetime;
        action view appliesTo { principal: User, resource: Team, context: { from: ipaddr, by: User } };
        action list in [view];
        """);

    [Fact]
    public void Entities_ImplicitEntityAndExtensionValues_AreReadWithTheSchema()
    {
        var entities = Entities.FromJson("""
            [{ "uid": { "type": "User", "id": "alice" },
               "attrs": { "manager": { "type": "User", "id": "bob" }, "home": "10.0.0.1", "limits": { "spend": "1.50" }, "teams": [{ "type": "Team", "id": "t" }] },
               "parents": [], "tags": { "since": "2024-01-01" } }]
            """, Schema.JsonShapes);
        Assert.True(entities.TryGet(new EntityUid("User", "alice"), out var alice));
        Assert.Equal(new EntityUid("User", "bob"), alice.Attributes["manager"]);
        Assert.Equal("ipaddr", Assert.IsAssignableFrom<ExtensionValue>(alice.Attributes["home"]).ExtensionName);
        Assert.Equal("datetime", Assert.IsAssignableFrom<ExtensionValue>(alice.Tags["since"]).ExtensionName);
    }

    [Fact]
    public void Shapes_DeclareActionEntitiesWithTheirParents()
    {
        var list = Assert.Single(Schema.JsonShapes.ActionEntities, e => e.Uid.Id == "list");
        Assert.Equal([new EntityUid("Action", "view")], list.Parents);
        Assert.Equal(JsonShapeKind.Extension, Schema.JsonShapes.Context(new EntityUid("Action", "view"))!.Attributes!["from"].Kind);
        Assert.Null(Schema.JsonShapes.EntityAttributes("Nobody"));
    }
}
