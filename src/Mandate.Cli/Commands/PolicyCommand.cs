using System.CommandLine;
using System.Text.Json.Nodes;
using Mandate.Cedar;
using Mandate.Cedar.Testing;
using Mandate.Core.Errors;

namespace Mandate.Cli.Commands;

internal static partial class PolicyCommand
{
    private static readonly Argument<string[]> Files = new("files") { Description = "Cedar policy files, or folders of *.cedar files.", Arity = ArgumentArity.OneOrMore };
    private static readonly Argument<string[]> Tests = new("tests") { Description = "Integration tests in the cedar-integration-tests JSON format.", Arity = ArgumentArity.OneOrMore };
    private static readonly Argument<string> File = new("file") { Description = "The policy file to format." };
    private static readonly Option<bool> Write = new("--write", "-w") { Description = "Rewrite the file in place instead of printing it." };
    private static readonly Option<string?> Schema = new("--schema") { Description = "Also validate the policies against this Cedar schema (.cedarschema or JSON), in strict mode." };

    public static Command Create()
    {
        var validate = new Command("validate", "Parse policy files (and, with --schema, validate them in strict mode); list every error with its line and column.") { Files, Schema };
        validate.SetHandler(Validate);
        var test = new Command("test", "Run integration tests (cedar-integration-tests format) and report each request.") { Tests };
        test.SetHandler(Test);
        var format = new Command("format", "Print a policy file in canonical form, its comments kept.") { File, Write };
        format.SetHandler(Format);
        var policy = new Command("policy", "Validate, evaluate, test and format Cedar policies; show the guardrails, the schema and the mode.") { validate, CreateEval(), test, format };
        foreach (var command in CreateGuardrailCommands())
        {
            policy.Subcommands.Add(command);
        }

        return policy;
    }

    private static int Validate(ParseResult parse, CliContext ctx)
    {
        var files = PolicyFiles.Expand(parse.GetValue(Files)!);
        var policies = PolicyFiles.Load(files, out var problems, out var parsed);
        IReadOnlyList<string> warnings = [];
        if (policies.IsSuccess && parse.GetValue(Schema) is { } schemaPath)
        {
            (problems, warnings) = PolicyFiles.Validate(parsed, schemaPath);
            if (problems.Count > 0)
            {
                policies = new MandateError(ErrorCodes.PolicyParseFailed, $"{problems.Count} validation error(s) against {schemaPath}.", "Fix each error listed above (file:line:column), or the schema.");
            }
        }

        if (ctx.Output.Json)
        {
            ctx.Output.Out.WriteLine(new JsonObject
            {
                ["valid"] = policies.IsSuccess,
                ["files"] = files.Count,
                ["policies"] = policies.IsSuccess ? policies.Value.Policies.Count : 0,
                ["errors"] = new JsonArray([.. problems.Select(p => (JsonNode?)p)]),
                ["warnings"] = new JsonArray([.. warnings.Select(w => (JsonNode?)w)]),
            }.ToJsonString());
        }
        else
        {
            foreach (var line in problems.Concat(warnings))
            {
                ctx.Output.Out.WriteLine(line);
            }
        }

        if (!policies.IsSuccess)
        {
            return ctx.Output.Json ? ExitCodes.Refused : ctx.Output.Fail(policies.Error);
        }

        if (!ctx.Output.Json)
        {
            ctx.Output.Out.WriteLine($"valid: {policies.Value.Policies.Count} policies in {files.Count} file(s)");
        }

        return ExitCodes.Success;
    }

    private static int Test(ParseResult parse, CliContext ctx)
    {
        var cwd = Directory.GetCurrentDirectory();
        var runner = new IntegrationTestRunner(CedarSchemaSupport.Instance, cwd);
        int passed = 0, failed = 0;
        var results = new JsonArray();

        // A test's file names are looked up in several places, so a failure says which files were read.
        void Report(string file, string? description, bool ok, string detail, IntegrationTestFiles files, int count = 1)
        {
            if (ok)
            {
                passed += count;
            }
            else
            {
                failed += count;
            }

            if (ctx.Output.Json)
            {
                var read = new JsonObject { ["policies"] = files.Policies, ["entities"] = files.Entities, ["schema"] = files.Schema };
                results.Add((JsonNode)new JsonObject { ["file"] = file, ["request"] = description, ["passed"] = ok, ["detail"] = detail, ["files"] = read });
            }
            else if (ok)
            {
                ctx.Output.Out.WriteLine($"pass {file}: {description ?? detail}");
            }
            else
            {
                ctx.Output.Out.WriteLine($"FAIL {file}: {(description is null ? detail : description + ": " + detail)}{FilesRead(files, cwd)}");
            }
        }

        foreach (var path in parse.GetValue(Tests)!)
        {
            IntegrationTest test;
            try
            {
                test = IntegrationTest.Load(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or CedarJsonException or System.Text.Json.JsonException)
            {
                Report(path, null, false, $"cannot be loaded: {e.Message}", IntegrationTestFiles.None);
                continue;
            }

            var result = runner.Run(test);
            if (result.LoadError is not null)
            {
                Report(path, null, false, result.LoadError, result.Files, Math.Max(1, test.Requests.Count));
                continue;
            }

            if (result.Validation == ValidationOutcome.Mismatched)
            {
                Report(path, null, false, $"shouldValidate is {test.ShouldValidate} but validation gave {(result.ValidationErrors.Count == 0 ? "no error" : string.Join("; ", result.ValidationErrors))}", result.Files);
            }

            foreach (var outcome in result.Requests)
            {
                Report(path, outcome.Request.Description, outcome.Passed, outcome.Describe(), result.Files);
            }
        }

        if (ctx.Output.Json)
        {
            ctx.Output.Out.WriteLine(new JsonObject { ["passed"] = passed, ["failed"] = failed, ["results"] = results }.ToJsonString());
        }
        else
        {
            ctx.Output.Out.WriteLine($"{passed} passed, {failed} failed");
        }

        return failed == 0
            ? ExitCodes.Success
            : ctx.Output.Fail(new MandateError(ErrorCodes.PolicyTestFailed, $"{failed} request(s) did not give the expected answer.", "Read the FAIL lines: each shows the expected and the actual decision, reasons and errors, and the files the test read."));
    }

    /// <summary><c> [policies: p.cedar, entities: …, schema: …]</c>, each path relative to the current directory when it is inside it.</summary>
    private static string FilesRead(IntegrationTestFiles files, string cwd)
    {
        string Shown(string path)
        {
            var relative = Path.GetRelativePath(cwd, path);
            return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? path : relative;
        }

        var named = new List<string>();
        foreach (var (what, path) in (ReadOnlySpan<(string, string?)>)[("policies", files.Policies), ("entities", files.Entities), ("schema", files.Schema)])
        {
            if (path is not null)
            {
                named.Add(what + ": " + Shown(path));
            }
        }

        return named.Count == 0 ? string.Empty : " [" + string.Join(", ", named) + "]";
    }

    private static int Format(ParseResult parse, CliContext ctx)
    {
        var path = parse.GetValue(File)!;
        var policies = PolicyFiles.Load([path], out var problems, out var parsed);
        if (!policies.IsSuccess)
        {
            return ctx.Output.Fail(PolicyFiles.WithProblems(policies.Error, problems));
        }

        var formatted = Formatter.Format(parsed[0].Text); // from the text, so that its comments are kept
        if (parse.GetValue(Write))
        {
            System.IO.File.WriteAllText(path, formatted);
        }
        else if (!ctx.Output.Json)
        {
            ctx.Output.Out.Write(formatted);
        }

        if (ctx.Output.Json)
        {
            ctx.Output.Out.WriteLine(new JsonObject { ["file"] = path, ["written"] = parse.GetValue(Write), ["formatted"] = formatted }.ToJsonString());
        }

        return ExitCodes.Success;
    }
}
