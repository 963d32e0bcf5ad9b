using Mandate.Cedar.Schema;

namespace Mandate.Cedar.Tests.Schema;

public sealed class CedarSchemaParserTests
{
    private const string PhotoApp = """
        // A photo-sharing app.
        @doc("people and their groups")
        namespace Photos {
          type Address = { street: String, "zip code"?: Long };
          entity Group;
          entity User, Admin in [Group] = {
            name: String,
            @doc("optional")
            email?: String,
            address: Address,
            friends: Set<User>,
            home: __cedar::ipaddr,
          } tags String;
          entity Album in Group { owner: User };
          entity Photo in [Album] { created: datetime, size: Long };
          entity Visibility enum ["public", "private"];
          action view appliesTo { principal: [User, Admin], resource: [Photo, Album], context: { ip: ipaddr, mfa?: Bool } };
          action "view thumbnail" in [view] appliesTo { principal: User, resource: Photo };
          action edit in view;
          action manage;
        }
        """;

    [Fact]
    public void Parse_EntityTypes_ResolveAttributesParentsAndTags()
    {
        var schema = CedarSchema.Parse(PhotoApp);
        var user = schema.EntityTypes["Photos::User"];
        Assert.Equal(["Photos::Group"], user.Parents);
        Assert.Equal(CedarType.String, user.Attributes["name"].Type);
        Assert.False(user.Attributes["email"].IsRequired);
        Assert.Equal(CedarType.SetOf(CedarType.Entity("Photos::User")), user.Attributes["friends"].Type);
        Assert.Equal(CedarType.Extension("ipaddr"), user.Attributes["home"].Type);
        Assert.Equal(CedarType.String, user.Tags);
        Assert.Same(user.Attributes["name"].Type, schema.EntityTypes["Photos::Admin"].Attributes["name"].Type);
    }

    [Fact]
    public void Parse_CommonTypes_AreInlined()
    {
        var address = CedarSchema.Parse(PhotoApp).EntityTypes["Photos::User"].Attributes["address"].Type;
        Assert.Equal(CedarTypeKind.Record, address.Kind);
        Assert.True(address.Attributes["street"].IsRequired);
        Assert.False(address.Attributes["zip code"].IsRequired);
        Assert.Equal(CedarType.Long, address.Attributes["zip code"].Type);
    }

    [Fact]
    public void Parse_EntityHierarchy_ComputesTransitiveDescendants()
    {
        var schema = CedarSchema.Parse(PhotoApp);
        Assert.Equal(["Photos::Admin", "Photos::Album", "Photos::Photo", "Photos::User"], schema.EntityTypes["Photos::Group"].Descendants.Order(StringComparer.Ordinal));
        Assert.Empty(schema.EntityTypes["Photos::Photo"].Descendants);
    }

    [Fact]
    public void Parse_Actions_HaveAppliesToContextAndHierarchy()
    {
        var schema = CedarSchema.Parse(PhotoApp);
        var view = schema.Actions[new EntityUid("Photos::Action", "view")];
        Assert.True(view.HasAppliesTo);
        Assert.Equal(["Photos::User", "Photos::Admin"], view.Principals);
        Assert.Equal(CedarType.Extension("ipaddr"), view.Context.Attributes["ip"].Type);
        Assert.Contains(new EntityUid("Photos::Action", "view thumbnail"), view.Descendants);
        Assert.Contains(new EntityUid("Photos::Action", "edit"), view.Descendants);
        var edit = schema.Actions[new EntityUid("Photos::Action", "edit")];
        Assert.False(edit.HasAppliesTo);
        Assert.Empty(edit.Context.Attributes);
    }

    [Fact]
    public void Parse_EnumeratedEntity_KeepsItsValues()
    {
        var visibility = CedarSchema.Parse(PhotoApp).EntityTypes["Photos::Visibility"];
        Assert.Equal(["public", "private"], visibility.EnumChoices);
    }

    [Fact]
    public void Parse_NamesResolveInTheNamespaceFirst_ThenTheEmptyNamespace_ThenBuiltins()
    {
        var schema = CedarSchema.Parse("""
            type Addr = String;
            entity Shared;
            namespace A {
              type Name = Bool;
              entity Local;
              entity E { a: Name, b: __cedar::Long, c: Shared, d: String, e: Addr, f: Local, g: A::Name };
            }
            """);
        var e = schema.EntityTypes["A::E"].Attributes;
        Assert.Equal(CedarType.Bool, e["a"].Type);
        Assert.Equal(CedarType.Long, e["b"].Type);
        Assert.Equal(CedarType.Entity("Shared"), e["c"].Type);
        Assert.Equal(CedarType.String, e["d"].Type);
        Assert.Equal(CedarType.String, e["e"].Type);
        Assert.Equal(CedarType.Entity("A::Local"), e["f"].Type);
        Assert.Equal(CedarType.Bool, e["g"].Type);
    }

    [Fact]
    public void Parse_ActionParents_ResolveAcrossNamespaces()
    {
        var schema = CedarSchema.Parse("""
            namespace Base { action read; }
            namespace App { action list in [Base::Action::"read"]; action get in ["list"]; }
            """);
        Assert.Equal([new EntityUid("App::Action", "get"), new EntityUid("App::Action", "list")], schema.Actions[new EntityUid("Base::Action", "read")].Descendants.OrderBy(u => u.Id, StringComparer.Ordinal));
    }

    [Fact]
    public void Parse_SyntaxError_ReportsLineColumnAndWhatWasExpected()
    {
        Assert.False(CedarSchema.TryParse("entity User {\n  name String\n};", out _, out var errors));
        var error = Assert.Single(errors);
        Assert.Equal((2, 8), (error.Line, error.Column));
        Assert.Contains("expected `:`", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_SeveralBrokenDeclarations_ReportsEachOne()
    {
        const string text = """
            entity A { x: };
            entity B;
            action "a" appliesTo { principal: [B], resource: B, context: };
            entity C in;
            """;
        Assert.False(CedarSchema.TryParse(text, out _, out var errors));
        Assert.Equal([1, 3, 4], errors.Select(e => e.Line));
    }

    [Fact]
    public void Parse_UndeclaredNames_AreEachReported()
    {
        Assert.False(CedarSchema.TryParse("""
            entity User in [Team] { boss: Manager };
            action a in ["missing"] appliesTo { principal: [Nobody], resource: [User] };
            """, out _, out var errors));
        Assert.Equal(4, errors.Count);
        Assert.Contains(errors, e => e.Message.Contains("`Team`", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Message.Contains("`Manager`", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Message.Contains("\"missing\"", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Message.Contains("`Nobody`", StringComparison.Ordinal) && e.Line == 2);
    }

    [Theory]
    [InlineData("type A = B; type B = A; entity E { a: A };", "cycle")]
    [InlineData("action a in [\"b\"]; action b in [\"a\"];", "cycle")]
    [InlineData("entity E; entity E;", "duplicate entity type")]
    [InlineData("action a appliesTo { principal: [E] };", "both `principal` and `resource`")]
    [InlineData("entity E enum [];", "at least one value")]
    [InlineData("type Long = String;", "reserved")]
    [InlineData("entity T; namespace N { type T = Long; }", "shadows `T`")]
    [InlineData("action a; namespace N { action a; }", "shadows an action")]
    [InlineData("entity E; action a appliesTo { principal: E, resource: E, context: Long };", "must be a record")]
    [InlineData("action a appliesTo { principal: [], resource: [] };", "`principal` is `[]`")]
    public void Parse_InvalidSchemas_AreRejectedWithAReason(string text, string reason)
    {
        Assert.False(CedarSchema.TryParse(text, out _, out var errors));
        Assert.Contains(errors, e => e.Message.Contains(reason, StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_RepeatedAttribute_LastDeclarationWins_AsInCedar()
    {
        var schema = CedarSchema.Parse("entity E { a: Long, a: String };");
        Assert.Equal(CedarType.String, schema.EntityTypes["E"].Attributes["a"].Type);
    }

    [Fact]
    public void Parse_Throws_SchemaExceptionListingEveryError()
    {
        var e = Assert.Throws<SchemaException>(() => CedarSchema.Parse("entity ;\nentity ;"));
        Assert.Equal(2, e.Errors.Count);
    }

    [Theory]
    [InlineData("sandbox_a/schema.cedarschema")]
    [InlineData("sandbox_b/schema.cedarschema")]
    [InlineData("sandbox_b/schema_exts.cedarschema")]
    public void Parse_SampleSchemasOfTheCorpus_Succeed(string path)
    {
        var text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "cedar-integration-tests", "sample-data", path));
        Assert.True(CedarSchema.TryParse(text, out _, out var errors), string.Join(Environment.NewLine, errors));
    }
}
