using Mandate.Cedar.Testing;

namespace Mandate.Cedar.Tests.Testing;

public sealed class IntegrationTestRunnerTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "cedar-runner-" + Guid.NewGuid().ToString("N"));

    public IntegrationTestRunnerTests()
    {
        Directory.CreateDirectory(Path.Combine(_root, "suite"));
        File.WriteAllText(Path.Combine(_root, "suite", "p.cedar"), "permit(principal == User::\"alice\", action, resource);\nforbid(principal, action, resource) when { principal.x };");
        File.WriteAllText(Path.Combine(_root, "suite", "e.json"), "[]");
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void Run_AcceptsBothKeySpellings_AndResolvesFilesNextToTheTest()
    {
        var path = Write("""
            {"policies": "p.cedar", "entities": "e.json", "schema": "s.cedarschema", "shouldValidate": true,
             "requests": [
               {"description": "new spelling", "principal": {"type": "User", "id": "alice"}, "action": {"type": "Action", "id": "a"},
                "resource": {"type": "R", "id": "r"}, "context": {}, "decision": "allow", "reason": ["policy0"], "errors": ["policy1"]},
               {"desc": "old spelling", "principal": {"__entity": {"type": "User", "id": "bob"}}, "action": {"type": "Action", "id": "a"},
                "resource": {"type": "R", "id": "r"}, "context": {}, "decision": "Deny", "reasons": [], "errorPolicies": ["policy1"]}
             ]}
            """);
        var result = new IntegrationTestRunner(currentDirectory: Path.Combine(_root, "elsewhere")).Run(IntegrationTest.Load(path));
        Assert.Null(result.LoadError);
        Assert.Equal(["new spelling", "old spelling"], result.Requests.Select(r => r.Request.Description));
        Assert.All(result.Requests, r => Assert.True(r.Passed, r.Describe()));
        Assert.Equal(ValidationOutcome.NotChecked, result.Validation);
        Assert.True(result.Passed);
    }

    [Fact]
    public void Run_WrongExpectation_IsReportedWithExpectedAndActual()
    {
        var path = Write("""
            {"policies": "p.cedar", "entities": "e.json", "requests": [
              {"description": "d", "principal": {"type": "User", "id": "alice"}, "action": {"type": "Action", "id": "a"},
               "resource": {"type": "R", "id": "r"}, "context": {}, "decision": "deny", "reason": [], "errors": []}]}
            """);
        var outcome = Assert.Single(new IntegrationTestRunner().Run(IntegrationTest.Load(path)).Requests);
        Assert.False(outcome.Passed);
        Assert.Contains("expected Deny", outcome.Describe(), StringComparison.Ordinal);
        Assert.Contains("got Allow reasons=[policy0]", outcome.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public void Run_MissingFile_IsALoadErrorNotACrash()
    {
        var path = Write("""{"policies": "nope.cedar", "entities": "e.json", "requests": []}""");
        var result = new IntegrationTestRunner().Run(IntegrationTest.Load(path));
        Assert.Contains("nope.cedar", result.LoadError, StringComparison.Ordinal);
        Assert.False(result.Passed);
    }

    [Fact]
    public void Run_SaysWhereEachFileWasFound_TheCurrentDirectoryFirst()
    {
        Directory.CreateDirectory(Path.Combine(_root, "cwd"));
        File.WriteAllText(Path.Combine(_root, "cwd", "p.cedar"), "forbid(principal, action, resource);");
        File.WriteAllText(Path.Combine(_root, "s.cedarschema"), "entity User;");
        var path = Write("""{"policies": "p.cedar", "entities": "e.json", "schema": "s.cedarschema", "requests": []}""");
        var result = new IntegrationTestRunner(CedarSchemaSupport.Instance, Path.Combine(_root, "cwd")).Run(IntegrationTest.Load(path));
        Assert.Null(result.LoadError);
        Assert.Equal(new IntegrationTestFiles(Path.Combine(_root, "cwd", "p.cedar"), Path.Combine(_root, "suite", "e.json"), Path.Combine(_root, "s.cedarschema")), result.Files);
    }

    [Fact]
    public void Run_MissingFile_SaysWhereItWasLookedFor_AndWhatWasFound()
    {
        var path = Write("""{"policies": "p.cedar", "entities": "nope.json", "requests": []}""");
        var result = new IntegrationTestRunner(currentDirectory: Path.Combine(_root, "elsewhere")).Run(IntegrationTest.Load(path));
        Assert.Contains("neither in " + Path.Combine(_root, "elsewhere") + " nor in " + Path.Combine(_root, "suite") + " or a folder above it", result.LoadError, StringComparison.Ordinal);
        Assert.Equal(new IntegrationTestFiles(Path.Combine(_root, "suite", "p.cedar"), null, null), result.Files);
    }

    [Fact]
    public void Run_SchemaSupportThatThrows_IsALoadError()
    {
        File.WriteAllText(Path.Combine(_root, "suite", "s.cedarschema"), "entity User;");
        var path = Write("""{"policies": "p.cedar", "entities": "e.json", "schema": "s.cedarschema", "shouldValidate": true, "requests": []}""");
        var result = new IntegrationTestRunner(new ThrowingSchema()).Run(IntegrationTest.Load(path));
        Assert.Contains("schema s.cedarschema", result.LoadError, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData(", \"decision\": \"alow\"")]
    public void Load_ARequestWithoutAnAllowOrDenyDecision_IsRefused(string decision)
    {
        var path = Write("""{"policies": "p.cedar", "entities": "e.json", "requests": [{"description": "d", "principal": {"type": "User", "id": "alice"}, "action": {"type": "Action", "id": "a"}, "resource": {"type": "R", "id": "r"}, "context": {}""" + decision + "}]}");
        var error = Assert.Throws<CedarJsonException>(() => IntegrationTest.Load(path));
        Assert.Contains("\"decision\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_InvalidTestJson_IsACedarJsonException()
    {
        var path = Write("{ not json");
        Assert.Throws<CedarJsonException>(() => IntegrationTest.Load(path));
    }

    private string Write(string json)
    {
        var path = Path.Combine(_root, "suite", "t" + Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllText(path, json);
        return path;
    }

    private sealed class ThrowingSchema : ISchemaSupport
    {
        public IJsonShapeProvider LoadShapes(string schemaText, string schemaPath) => throw new InvalidOperationException("boom");

        public IReadOnlyList<string>? Validate(string schemaText, string schemaPath, PolicySet policies) => null;
    }
}
