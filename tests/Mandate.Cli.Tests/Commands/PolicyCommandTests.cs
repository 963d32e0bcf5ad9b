using System.Text.Json;

namespace Mandate.Cli.Tests.Commands;

public sealed class PolicyCommandTests
{
    private const string Policies = """
        permit(principal, action == Action::"read", resource) when { resource.path like "/src/*" };
        @reason("secrets stay secret")
        forbid(principal, action, resource) when { resource.path like "*.env" };
        """;

    private const string EntitiesJson = """
        [
          {"uid": {"type": "File", "id": "code"}, "attrs": {"path": "/src/a.cs"}, "parents": []},
          {"uid": {"type": "File", "id": "secret"}, "attrs": {"path": "/src/.env"}, "parents": []}
        ]
        """;

    [Fact]
    public async Task Validate_ValidFile_ExitsZero_AndCountsThePolicies()
    {
        using var home = new TempHome();
        File.WriteAllText(home.PathOf("p.cedar"), Policies);

        var result = (await home.RunAsync("policy", "validate", home.PathOf("p.cedar"))).AssertSuccess();

        Assert.Contains("2 policies", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_ListsEveryErrorOfEveryFile_WithFileLineAndColumn()
    {
        using var home = new TempHome();
        File.WriteAllText(home.PathOf("a.cedar"), "permit(principal, action, resource)\n");
        File.WriteAllText(home.PathOf("b.cedar"), "permit(principal, action, resource);\nforbid(principal, action, resource) when { 1 + };\n");

        var result = (await home.RunAsync("policy", "validate", home.PathOf("a.cedar"), home.PathOf("b.cedar"))).AssertError(1, "MDT4001");

        Assert.Contains(home.PathOf("a.cedar") + ":2:1:", result.Stdout, StringComparison.Ordinal);
        Assert.Contains(home.PathOf("b.cedar") + ":2:", result.Stdout, StringComparison.Ordinal);
        result.AssertNoStackTrace();
    }

    [Fact]
    public async Task Eval_AnswersOneJsonLinePerRequest_AndABadLineIsADeny()
    {
        using var home = new TempHome();
        File.WriteAllText(home.PathOf("p.cedar"), Policies);
        File.WriteAllText(home.PathOf("entities.json"), EntitiesJson);
        File.WriteAllLines(home.PathOf("requests.jsonl"),
        [
            """{"principal":{"type":"User","id":"jane"},"action":{"type":"Action","id":"read"},"resource":{"type":"File","id":"code"},"context":{}}""",
            """{"principal":{"type":"User","id":"jane"},"action":{"type":"Action","id":"read"},"resource":{"type":"File","id":"secret"},"context":{}}""",
            """{"principal": not json""",
        ]);

        var result = await home.RunAsync("policy", "eval", "--policies", home.PathOf("p.cedar"), "--entities", home.PathOf("entities.json"), "--requests", home.PathOf("requests.jsonl"));

        result.AssertError(1, "MDT4003");
        var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(["allow", "deny", "deny"], lines.Select(l => l.GetProperty("decision").GetString()));
        Assert.Equal("policy0", lines[0].GetProperty("reasons")[0].GetString());
        Assert.Equal("policy1", lines[1].GetProperty("reasons")[0].GetString());
        Assert.Equal(0, lines[2].GetProperty("reasons").GetArrayLength());
    }

    [Fact]
    public async Task Test_RunsTheVendoredCedarIntegrationTests_FromTheCorpusRoot()
    {
        var corpus = Path.Combine(CliRunner.RepositoryRoot, "tests", "Mandate.Cedar.Tests", "cedar-integration-tests");
        using var home = new TempHome();

        var result = await CliRunner.RunAsync(
            CliRunner.Mandate,
            ["policy", "test", "tests/example_use_cases/1a.json", "tests/example_use_cases/2a.json", "tests/ip/1.json"],
            home.Environment,
            workingDirectory: corpus);

        result.AssertSuccess();
        Assert.Matches(@"\b[1-9]\d* passed, 0 failed", result.Stdout);
    }

    [Fact]
    public async Task Test_AWrongExpectation_FailsWithTheExpectedAndActualAnswer()
    {
        using var home = new TempHome();
        File.WriteAllText(home.PathOf("p.cedar"), Policies);
        File.WriteAllText(home.PathOf("entities.json"), EntitiesJson);
        File.WriteAllText(home.PathOf("s.cedarschema"), "entity User;\nentity File { path: String };\naction read appliesTo { principal: User, resource: File };\n");
        File.WriteAllText(home.PathOf("t.json"), """
            {
              "policies": "p.cedar", "entities": "entities.json", "schema": "s.cedarschema", "shouldValidate": true,
              "requests": [
                { "description": "reading code is allowed", "principal": {"type":"User","id":"jane"}, "action": {"type":"Action","id":"read"},
                  "resource": {"type":"File","id":"code"}, "context": {}, "validateRequest": false, "decision": "allow", "reason": ["policy0"], "errors": [] },
                { "description": "a wrong expectation", "principal": {"type":"User","id":"jane"}, "action": {"type":"Action","id":"read"},
                  "resource": {"type":"File","id":"secret"}, "context": {}, "validateRequest": false, "decision": "allow", "reason": ["policy0"], "errors": [] }
              ]
            }
            """);

        var result = await home.RunAsync("policy", "test", home.PathOf("t.json"));

        result.AssertError(1, "MDT4004");
        Assert.Contains("pass ", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("FAIL ", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("1 passed, 1 failed", result.Stdout, StringComparison.Ordinal);

        var json = await home.RunAsync("policy", "test", "--json", home.PathOf("t.json"));

        Assert.Equal(1, json.ExitCode);
        Assert.Contains("\"MDT4004\"", json.Stderr, StringComparison.Ordinal);
        var report = JsonDocument.Parse(json.Stdout).RootElement;
        Assert.Equal(1, report.GetProperty("passed").GetInt32());
        Assert.Equal(1, report.GetProperty("failed").GetInt32());
        var failure = report.GetProperty("results").EnumerateArray().Single(r => !r.GetProperty("passed").GetBoolean());
        Assert.Equal("a wrong expectation", failure.GetProperty("request").GetString());
        Assert.Contains("expected Allow", failure.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Test_AFailure_NamesTheFilesThatWereRead_AsTheCurrentDirectoryComesFirst()
    {
        using var home = new TempHome();
        Directory.CreateDirectory(home.PathOf("suite"));
        Directory.CreateDirectory(home.PathOf("work"));
        File.WriteAllText(home.PathOf(Path.Combine("suite", "p.cedar")), Policies);
        File.WriteAllText(home.PathOf(Path.Combine("work", "p.cedar")), "forbid(principal, action, resource);\n"); // shadows the test's own
        File.WriteAllText(home.PathOf(Path.Combine("suite", "entities.json")), EntitiesJson);
        File.WriteAllText(home.PathOf(Path.Combine("suite", "t.json")), """
            { "policies": "p.cedar", "entities": "entities.json", "requests": [
              { "description": "reading code is allowed", "principal": {"type":"User","id":"jane"}, "action": {"type":"Action","id":"read"},
                "resource": {"type":"File","id":"code"}, "context": {}, "decision": "allow", "reason": ["policy0"], "errors": [] } ] }
            """);
        string[] args = ["policy", "test", home.PathOf(Path.Combine("suite", "t.json"))];

        var text = (await CliRunner.RunAsync(CliRunner.Mandate, args, home.Environment, workingDirectory: home.PathOf("work"))).AssertError(1, "MDT4004");
        var json = await CliRunner.RunAsync(CliRunner.Mandate, [.. args, "--json"], home.Environment, workingDirectory: home.PathOf("work"));

        var fail = Assert.Single(text.Stdout.Split('\n'), l => l.StartsWith("FAIL ", StringComparison.Ordinal));
        Assert.EndsWith("[policies: p.cedar, entities: " + home.PathOf(Path.Combine("suite", "entities.json")) + "]", fail, StringComparison.Ordinal);
        var files = JsonDocument.Parse(json.Stdout).RootElement.GetProperty("results")[0].GetProperty("files");
        Assert.EndsWith(Path.Combine("work", "p.cedar"), files.GetProperty("policies").GetString(), StringComparison.Ordinal);
        Assert.Equal(home.PathOf(Path.Combine("suite", "entities.json")), files.GetProperty("entities").GetString());
        Assert.Equal(JsonValueKind.Null, files.GetProperty("schema").ValueKind);
    }

    [Fact]
    public async Task Format_PrintsCanonicalPolicies_ThatParseToTheSameDecisions()
    {
        using var home = new TempHome();
        File.WriteAllText(home.PathOf("p.cedar"), Policies.Replace("\n", " ", StringComparison.Ordinal));

        var formatted = (await home.RunAsync("policy", "format", home.PathOf("p.cedar"))).AssertSuccess().Stdout;

        Assert.Contains("@reason(\"secrets stay secret\")", formatted, StringComparison.Ordinal);
        File.WriteAllText(home.PathOf("f.cedar"), formatted);
        (await home.RunAsync("policy", "validate", home.PathOf("f.cedar"))).AssertSuccess();
        var again = (await home.RunAsync("policy", "format", home.PathOf("f.cedar"))).AssertSuccess().Stdout;
        Assert.Equal(formatted, again);
    }

    [Fact]
    public async Task Validate_WithASchema_ReportsTypeErrorsWithFileLineAndPolicy()
    {
        using var home = new TempHome();
        File.WriteAllText(home.PathOf("s.cedarschema"), "entity User;\nentity File { path: String };\naction read appliesTo { principal: User, resource: File };\n");
        File.WriteAllText(home.PathOf("ok.cedar"), "permit(principal, action == Action::\"read\", resource) when { resource.path like \"/src/*\" };\n");
        File.WriteAllText(home.PathOf("bad.cedar"), "permit(principal, action == Action::\"read\", resource);\npermit(principal, action == Action::\"read\", resource) when { resource.size > 3 };\n");

        (await home.RunAsync("policy", "validate", home.PathOf("ok.cedar"), "--schema", home.PathOf("s.cedarschema"))).AssertSuccess();
        var bad = (await home.RunAsync("policy", "validate", home.PathOf("bad.cedar"), "--schema", home.PathOf("s.cedarschema"))).AssertError(1, "MDT4001");

        Assert.Contains(home.PathOf("bad.cedar") + ":2:", bad.Stdout, StringComparison.Ordinal);
        Assert.Contains("policy1", bad.Stdout, StringComparison.Ordinal);
        Assert.Contains("size", bad.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_ATypeErrorInsideAnExpression_IsReportedWhereThatExpressionStarts()
    {
        using var home = new TempHome();
        File.WriteAllText(home.PathOf("s.cedarschema"), "entity User;\nentity File { path: String };\naction read appliesTo { principal: User, resource: File };\n");
        File.WriteAllText(home.PathOf("p.cedar"), "permit(principal, action == Action::\"read\", resource)\nwhen {\n  resource.path like \"/src/*\" &&\n  resource.path.size > 3\n};\n");

        var result = (await home.RunAsync("policy", "validate", home.PathOf("p.cedar"), "--schema", home.PathOf("s.cedarschema"))).AssertError(1, "MDT4001");

        Assert.Contains(home.PathOf("p.cedar") + ":4:3: policy0: unexpected type", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_AnErrorInAJsonSchema_IsReportedAtItsLineAndColumn()
    {
        using var home = new TempHome();
        File.WriteAllText(home.PathOf("s.cedarschema.json"), "{\n  \"\": {\n    \"entityTypes\": { \"User\": {} },\n    \"actions\": { \"read\": { \"appliesTo\": { \"principalTypes\": [\"User\"], \"resourceTypes\": [\"User\"] } } },\n    \"colour\": 1\n  }\n}\n");
        File.WriteAllText(home.PathOf("p.cedar"), "permit(principal, action, resource);\n");

        var result = (await home.RunAsync("policy", "validate", home.PathOf("p.cedar"), "--schema", home.PathOf("s.cedarschema.json"))).AssertError(1, "MDT4001");

        Assert.Contains(home.PathOf("s.cedarschema.json") + ":5:5: unknown field `colour`", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SeveralFilesWithoutIds_AreOneSet_WhosePoliciesAreNamedByFile()
    {
        using var home = new TempHome();
        File.WriteAllText(home.PathOf("a.cedar"), "permit(principal, action == Action::\"read\", resource) when { resource.path like \"/src/*\" };\n");
        File.WriteAllText(home.PathOf("b.cedar"), "forbid(principal, action, resource) when { resource.path like \"*.env\" };\n");
        File.WriteAllText(home.PathOf("entities.json"), EntitiesJson);
        File.WriteAllLines(home.PathOf("requests.jsonl"),
        [
            """{"principal":{"type":"User","id":"jane"},"action":{"type":"Action","id":"read"},"resource":{"type":"File","id":"code"},"context":{}}""",
            """{"principal":{"type":"User","id":"jane"},"action":{"type":"Action","id":"read"},"resource":{"type":"File","id":"secret"},"context":{}}""",
        ]);

        var valid = (await home.RunAsync("policy", "validate", home.PathOf("a.cedar"), home.PathOf("b.cedar"))).AssertSuccess();
        var eval = (await home.RunAsync("policy", "eval", "--policies", home.PathOf("a.cedar"), home.PathOf("b.cedar"), "--entities", home.PathOf("entities.json"), "--requests", home.PathOf("requests.jsonl"))).AssertSuccess();

        Assert.Contains("2 policies in 2 file(s)", valid.Stdout, StringComparison.Ordinal);
        var lines = eval.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(home.PathOf("a.cedar") + "#policy0", lines[0].GetProperty("reasons")[0].GetString());
        Assert.Equal(home.PathOf("b.cedar") + "#policy0", lines[1].GetProperty("reasons")[0].GetString());
    }

    [Fact]
    public async Task IdAnnotations_NameThePolicies_AndAnIdUsedTwiceIsAnErrorAtBothPlaces()
    {
        using var home = new TempHome();
        File.WriteAllText(home.PathOf("a.cedar"), "@id(\"read-src\")\npermit(principal, action == Action::\"read\", resource) when { resource.path like \"/src/*\" };\n");
        File.WriteAllText(home.PathOf("b.cedar"), "forbid(principal, action, resource);\n@id(\"read-src\")\nforbid(principal, action, resource);\n");
        File.WriteAllText(home.PathOf("entities.json"), EntitiesJson);
        File.WriteAllText(home.PathOf("requests.jsonl"), """{"principal":{"type":"User","id":"jane"},"action":{"type":"Action","id":"read"},"resource":{"type":"File","id":"code"},"context":{}}""" + "\n");

        var eval = (await home.RunAsync("policy", "eval", "--policies", home.PathOf("a.cedar"), "--entities", home.PathOf("entities.json"), "--requests", home.PathOf("requests.jsonl"))).AssertSuccess();
        var duplicate = (await home.RunAsync("policy", "validate", home.PathOf("a.cedar"), home.PathOf("b.cedar"))).AssertError(1, "MDT4001");

        Assert.Equal("read-src", JsonDocument.Parse(eval.Stdout).RootElement.GetProperty("reasons")[0].GetString());
        Assert.Contains(home.PathOf("b.cedar") + ":2: policy id `read-src` is already used by the policy at " + home.PathOf("a.cedar") + ":1", duplicate.Stdout, StringComparison.Ordinal);
        duplicate.AssertNoStackTrace();
    }

    [Fact]
    public async Task Format_KeepsTheComments()
    {
        using var home = new TempHome();
        File.WriteAllText(home.PathOf("p.cedar"), "// why this rule exists\npermit(principal, action, resource) when { context.ok }; // note\n");

        var formatted = (await home.RunAsync("policy", "format", home.PathOf("p.cedar"))).AssertSuccess().Stdout;

        Assert.StartsWith("// why this rule exists\npermit (", formatted, StringComparison.Ordinal);
        Assert.Contains("when { context.ok }; // note", formatted, StringComparison.Ordinal);
        var json = (await home.RunAsync("policy", "format", "--json", home.PathOf("p.cedar"))).AssertSuccess().Stdout;
        Assert.Equal(formatted, JsonDocument.Parse(json).RootElement.GetProperty("formatted").GetString());
    }
}
