using System.CommandLine;
using Mandate.Cedar;
using Mandate.Core.Errors;

namespace Mandate.Cli.Commands;

internal static partial class PolicyCommand
{
    private static readonly Option<string[]> Policies = new("--policies") { Description = "Policy files or folders.", Required = true, AllowMultipleArgumentsPerToken = true };
    private static readonly Option<string> EntitiesFile = new("--entities") { Description = "Entities JSON file.", Required = true };
    private static readonly Option<string> Requests = new("--requests") { Description = "Requests, one JSON object per line: {principal, action, resource, context} ('-' reads stdin).", Required = true };

    private static Command CreateEval()
    {
        var eval = new Command("eval", "Authorize each request; prints one JSON line per request: {decision, reasons, errors}.") { Policies, EntitiesFile, Requests };
        eval.SetHandler(Eval);
        return eval;
    }

    private static int Eval(ParseResult parse, CliContext ctx)
    {
        var policies = PolicyFiles.Load(PolicyFiles.Expand(parse.GetValue(Policies)!), out var problems);
        if (!policies.IsSuccess)
        {
            return ctx.Output.Fail(PolicyFiles.WithProblems(policies.Error, problems));
        }

        Entities entities;
        TextReader requests;
        try
        {
            entities = Entities.FromJson(System.IO.File.ReadAllText(parse.GetValue(EntitiesFile)!));
            var requestsPath = parse.GetValue(Requests)!;
            requests = requestsPath == "-" ? Console.In : new StreamReader(requestsPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CedarJsonException)
        {
            return ctx.Output.Fail(new MandateError(ErrorCodes.PolicyDataInvalid, $"The entities or requests cannot be read: {e.Message}", "Pass an entities JSON file (Cedar's format) and a JSON-lines requests file."));
        }

        using (requests)
        {
            var line = 0;
            var bad = 0;
            while (requests.ReadLine() is { } text)
            {
                line++;
                if (string.IsNullOrWhiteSpace(text))
                {
                    continue;
                }

                try
                {
                    ctx.Output.Out.WriteLine(Authorizer.IsAuthorized(Request.FromJson(text), policies.Value, entities).ToJson());
                }
                catch (CedarJsonException e)
                {
                    // Fail closed, and keep the output aligned with the input: a bad request is a deny.
                    bad++;
                    ctx.Output.Out.WriteLine(new Response(Decision.Deny, [], [new AuthorizationError("(request)", $"line {line}: {e.Message}")]).ToJson());
                }
            }

            return bad == 0
                ? ExitCodes.Success
                : ctx.Output.Fail(new MandateError(ErrorCodes.PolicyDataInvalid, $"{bad} request line(s) could not be read; each was answered deny.", "Fix the request JSON on the lines named in the errors."));
        }
    }
}
