using Mandate.Cedar.Tests.Conformance;
using Mandate.Cedar.Testing;

namespace Mandate.Cedar.Tests;

public sealed class FormatterTests(CorpusFixture corpus)
{
    [Fact]
    public void Format_WritesTheCanonicalLayout()
    {
        const string text = """
            @id("p1") permit(principal==User::"alice",action in [Action::"view",Action::"edit"],resource is Photo in Album::"a")
            when{ (1+2)*3 > 4 && !(context.x||false) } unless { resource has owner.name };
            """;
        const string expected = """
            @id("p1")
            permit (
              principal == User::"alice",
              action in [Action::"view", Action::"edit"],
              resource is Photo in Album::"a"
            )
            when { (1 + 2) * 3 > 4 && !(context.x || false) }
            unless { resource has owner.name };

            """;
        Assert.Equal(expected.ReplaceLineEndings("\n"), Formatter.Format(text));
    }

    [Theory]
    [InlineData("permit(principal, action, resource) when { -(-1) == 1 };")]
    [InlineData("permit(principal, action, resource) when { (-1).foo == 1 || (if true then 1 else 2) == 1 };")]
    [InlineData("permit(principal, action, resource) when { context[\"a b\"] like \"x\\*y*\" && 1 - (2 - 3) == 2 };")]
    [InlineData("permit(principal, action, resource) when { (principal is User) == (resource in [Album::\"a\"]) };")]
    [InlineData("forbid(principal == ?principal, action, resource in ?resource) when { ip(\"10.0.0.1\").isInRange(ip(\"10.0.0.0/8\")) };")]
    [InlineData("permit(principal, action, resource) when { {\"if\": [1, {a: decimal(\"1.5\")}]} has \"if\" };")]
    public void Format_IsIdempotentAndReparses(string text)
    {
        var once = Formatter.Format(text);
        Assert.Equal(once, Formatter.Format(once));
    }

    [Fact]
    public void Format_KeepsEveryComment_AndIsIdempotent()
    {
        const string text = """
            // Source code is readable by the dev team.
            // (two lines)
            @id("read") permit(principal in Team::"dev", action, resource) // scope: all actions
            when { resource.path like "/src/*" }; // trailing note

            forbid(principal, action, resource) when {
              // secrets: never
              resource.path like "*.env" || resource.url like "http://*" // the "//" in the string is not a comment
            };
            // the end
            """;
        const string expected = """
            // Source code is readable by the dev team.
            // (two lines)
            // scope: all actions
            @id("read")
            permit (
              principal in Team::"dev",
              action,
              resource
            )
            when { resource.path like "/src/*" }; // trailing note

            // secrets: never
            // the "//" in the string is not a comment
            forbid (
              principal,
              action,
              resource
            )
            when { resource.path like "*.env" || resource.url like "http://*" };

            // the end

            """;
        var once = Formatter.Format(text);
        Assert.Equal(expected.ReplaceLineEndings("\n"), once);
        Assert.Equal(once, Formatter.Format(once));
        Assert.Equal(Formatter.Format(PolicySet.Parse(text)), Formatter.Format(PolicySet.Parse(once)));
    }

    [Fact]
    public void Format_OfOnlyComments_KeepsThem() =>
        Assert.Equal("// nothing yet\n", Formatter.Format("// nothing yet\n"));

    [Fact]
    public void Format_OfEveryCorpusPolicy_ReparsesAndAuthorizesIdentically()
    {
        var files = Directory.GetFiles(Path.Combine(corpus.CorpusRoot, "corpus-tests"), "*.json")
            .Where(f => !f.EndsWith(".entities.json", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Where((_, i) => i % 3 == 0);
        var failures = new List<string>();
        foreach (var file in files)
        {
            var test = IntegrationTest.Load(file);
            var text = File.ReadAllText(test.ResolveFile(test.PoliciesFile, corpus.CorpusRoot));
            var original = PolicySet.Parse(text);
            var formatted = Formatter.Format(original);
            if (!PolicySet.TryParse(formatted, out var reparsed, out var errors))
            {
                failures.Add($"{test.Name}: formatted text does not parse: {errors[0]}");
                continue;
            }

            if (Formatter.Format(reparsed) != formatted)
            {
                failures.Add($"{test.Name}: formatting is not idempotent");
                continue;
            }

            var entities = Entities.FromJson(File.ReadAllText(test.ResolveFile(test.EntitiesFile, corpus.CorpusRoot)));
            foreach (var request in test.Requests)
            {
                var parsed = Request.FromJson(request.RequestJson);
                var a = Authorizer.IsAuthorized(parsed, original, entities);
                var b = Authorizer.IsAuthorized(parsed, reparsed, entities);
                if (a.Decision != b.Decision || !a.Reasons.SequenceEqual(b.Reasons)
                    || !a.Errors.Select(e => e.PolicyId).SequenceEqual(b.Errors.Select(e => e.PolicyId)))
                {
                    failures.Add($"{test.Name} {request.Description}: answers differ after formatting");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(20)));
    }
}
