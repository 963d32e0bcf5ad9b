namespace Mandate.Cedar.Testing;

/// <summary>
/// Runs integration tests: parses the policies, loads the entities, authorizes every request and compares the
/// decision, reasons and erroring policy ids with the expected ones. Validation is an optional step that
/// needs <see cref="ISchemaSupport"/>.
/// </summary>
public sealed class IntegrationTestRunner(ISchemaSupport? schemaSupport = null, string? currentDirectory = null)
{
    public IntegrationTestResult Run(IntegrationTest test)
    {
        ArgumentNullException.ThrowIfNull(test);
        PolicySet policies;
        Entities entities;
        IJsonShapeProvider? shapes = null;
        string? schemaText = null;
        string? schemaPath = null;
        var files = IntegrationTestFiles.None;
        try
        {
            files = files with { Policies = test.ResolveFile(test.PoliciesFile, currentDirectory) };
            policies = PolicySet.Parse(File.ReadAllText(files.Policies));
            if (schemaSupport is not null && test.SchemaFile is not null)
            {
                schemaPath = test.ResolveFile(test.SchemaFile, currentDirectory);
                files = files with { Schema = schemaPath };
                schemaText = File.ReadAllText(schemaPath);
                try
                {
                    shapes = schemaSupport.LoadShapes(schemaText, schemaPath);
                }
                catch (Exception e) when (e is not (OutOfMemoryException or StackOverflowException))
                {
                    // Schema support is pluggable; whatever it throws is this test's load error, not a crash.
                    return new IntegrationTestResult(test, [], "schema " + test.SchemaFile + ": " + e.Message, ValidationOutcome.NotChecked, []) { Files = files };
                }
            }

            files = files with { Entities = test.ResolveFile(test.EntitiesFile, currentDirectory) };
            entities = Entities.FromJson(File.ReadAllText(files.Entities), shapes);
        }
        catch (Exception e) when (e is CedarParseException or CedarJsonException or IOException or UnauthorizedAccessException)
        {
            return new IntegrationTestResult(test, [], e.Message, ValidationOutcome.NotChecked, []) { Files = files };
        }

        var validation = ValidationOutcome.NotChecked;
        IReadOnlyList<string> validationErrors = [];
        if (schemaSupport is not null && schemaText is not null && test.ShouldValidate is { } expected)
        {
            IReadOnlyList<string>? errors;
            try
            {
                errors = schemaSupport.Validate(schemaText, schemaPath!, policies);
            }
            catch (Exception e) when (e is not (OutOfMemoryException or StackOverflowException))
            {
                errors = ["validation failed: " + e.Message];
            }

            if (errors is not null)
            {
                validationErrors = errors;
                validation = (errors.Count == 0) == expected ? ValidationOutcome.Matched : ValidationOutcome.Mismatched;
            }
        }

        var outcomes = new List<RequestOutcome>(test.Requests.Count);
        foreach (var request in test.Requests)
        {
            try
            {
                var parsed = Request.FromJson(request.RequestJson, shapes);
                outcomes.Add(new RequestOutcome(request, Authorizer.IsAuthorized(parsed, policies, entities), null));
            }
            catch (CedarJsonException e)
            {
                outcomes.Add(new RequestOutcome(request, null, e.Message));
            }
        }

        return new IntegrationTestResult(test, outcomes, null, validation, validationErrors) { Files = files };
    }
}
