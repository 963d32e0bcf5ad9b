using Mandate.Cedar.Tests.Conformance;

namespace Mandate.Cedar.Tests;

public sealed class PolicyJsonTests(CorpusFixture corpus)
{
    [Fact]
    public void FromJson_ReadsTheDocumentedPolicyFormat()
    {
        const string json = """
            {
              "effect": "permit",
              "principal": {"op": "==", "entity": {"type": "User", "id": "alice"}},
              "action": {"op": "in", "entities": [{"type": "Action", "id": "view"}, {"type": "Action", "id": "edit"}]},
              "resource": {"op": "is", "entity_type": "Photo", "in": {"entity": {"type": "Album", "id": "a"}}},
              "conditions": [
                {"kind": "when", "body": {"&&": {
                  "left": {"like": {"left": {".": {"left": {"Var": "resource"}, "attr": "name"}}, "pattern": [{"Literal": "x"}, "Wildcard"]}},
                  "right": {"lessThan": [{"decimal": [{"Value": "1.5"}]}, {"decimal": [{"Value": "2.0"}]}]}}}},
                {"kind": "unless", "body": {"has": {"left": {"Var": "context"}, "attr": ["a", "b"]}}}
              ],
              "annotations": {"id": "p1"}
            }
            """;
        var set = PolicySet.FromJson(json);
        const string expected = """
            @id("p1")
            permit (
              principal == User::"alice",
              action in [Action::"view", Action::"edit"],
              resource is Photo in Album::"a"
            )
            when { resource.name like "x*" && decimal("1.5").lessThan(decimal("2.0")) }
            unless { context has a.b };

            """;
        Assert.Equal(expected.ReplaceLineEndings("\n"), Formatter.Format(set));
    }

    [Fact]
    public void ToJson_RoundTripsTemplatesAndLinks()
    {
        var set = PolicySet.Parse("""
            permit(principal == ?principal, action, resource in ?resource) when { context.x == [1, {a: ip("10.0.0.1")}] };
            forbid(principal, action, resource) unless { -(1) < 2 && "a*b" like "a\*b*" };
            """).Link("policy0", "link1", new EntityUid("User", "alice"), new EntityUid("Folder", "f"));
        var back = PolicySet.FromJson(set.ToJson(indented: true));
        foreach (var policy in set.Policies.Where(p => p.TemplateId is null))
        {
            Assert.True(back.TryGet(policy.Id, out var copy));
            Assert.Equal(Formatter.Format(policy), Formatter.Format(copy));
        }

        var link = Assert.Single(back.Policies, p => p.TemplateId is not null);
        Assert.Equal("link1", link.Id);
        Assert.Equal(new EntityUid("Folder", "f"), link.LinkedResource);
    }

    [Fact]
    public void AnAnnotationWithoutAValue_IsNullInJson_AndStaysWithoutAValue()
    {
        const string text = "@advice\n@reason(\"\")\npermit (\n  principal,\n  action,\n  resource\n);\n";
        var set = PolicySet.Parse(text);
        var json = set.ToJson();

        Assert.Contains("\"annotations\":{\"advice\":null,\"reason\":\"\"}", json, StringComparison.Ordinal);
        Assert.Equal(text, Formatter.Format(set));
        Assert.Equal(text, Formatter.Format(PolicySet.FromJson(json)));
        Assert.Equal("", set.Policies[0].Annotations["advice"]);
    }

    [Theory]
    [InlineData("""{"effect": "allow", "principal": {"op": "All"}, "action": {"op": "All"}, "resource": {"op": "All"}, "conditions": []}""")]
    [InlineData("""{"effect": "permit", "principal": {"op": "All"}, "action": {"op": "All"}, "resource": {"op": "All"}, "conditions": [{"kind": "when", "body": {"nope": {}}}]}""")]
    [InlineData("""{"effect": "permit", "principal": {"op": "==", "slot": "?resource"}, "action": {"op": "All"}, "resource": {"op": "All"}, "conditions": []}""")]
    [InlineData("""{"staticPolicies": {"p": {"effect": "permit"}}}""")]
    [InlineData("""not json""")]
    public void FromJson_InvalidPolicy_IsRejected(string json) => Assert.Throws<CedarJsonException>(() => PolicySet.FromJson(json));

    [Fact]
    public void ToJson_ThenFromJson_KeepsEveryCorpusPolicy()
    {
        var files = Directory.GetFiles(Path.Combine(corpus.CorpusRoot, "corpus-tests"), "*.cedar").Order(StringComparer.Ordinal).Where((_, i) => i % 3 == 1);
        var failures = new List<string>();
        foreach (var file in files)
        {
            var set = PolicySet.Parse(File.ReadAllText(file));
            try
            {
                var back = PolicySet.FromJson(set.ToJson());
                if (Formatter.Format(back) != Formatter.Format(set))
                {
                    failures.Add(Path.GetFileName(file) + ": differs after a JSON round trip");
                }
            }
            catch (CedarJsonException e)
            {
                failures.Add(Path.GetFileName(file) + ": " + e.Message);
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(20)));
    }
}
