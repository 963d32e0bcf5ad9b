using Mandate.Cedar;
using Mandate.Cedar.Schema;
using Mandate.Cedar.Validation;
using Mandate.Core.Errors;

namespace Mandate.Cli.Commands;

/// <summary>Reads policy files and folders (every <c>*.cedar</c> below a folder), reporting every parse error with its position.</summary>
internal static class PolicyFiles
{
    public static IReadOnlyList<string> Expand(IEnumerable<string> paths) =>
        [.. paths.SelectMany(p => Directory.Exists(p)
            ? Directory.EnumerateFiles(p, "*.cedar", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            : (IEnumerable<string>)[p])];

    /// <summary>Validates each file against the schema (strict mode); every error as <c>file:line:column: policy: message</c>.</summary>
    public static IReadOnlyList<string> Validate(IReadOnlyList<string> files, string schemaPath)
    {
        string schemaText;
        try
        {
            schemaText = File.ReadAllText(schemaPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [$"{schemaPath}: cannot be read ({e.GetType().Name})"];
        }

        if (!CedarSchema.TryParseAny(schemaText, out var schema, out var schemaErrors))
        {
            return [.. schemaErrors.Select(e => $"{schemaPath}:{e.Line}:{e.Column}: {e.Message}")];
        }

        var problems = new List<string>();
        foreach (var file in files)
        {
            var text = File.ReadAllText(file);
            var result = Validator.Validate(PolicySet.Parse(text), schema, text);
            problems.AddRange(result.Errors.Select(e => $"{file}:{e.Line}:{e.Column}: {e.PolicyId}: {e.Message}"));
        }

        return problems;
    }

    /// <summary>The error with every problem folded into its one line, for commands whose stdout is data.</summary>
    public static MandateError WithProblems(MandateError error, IReadOnlyList<string> problems) =>
        error with { Message = error.Message.TrimEnd('.') + ": " + string.Join("; ", problems) + "." };

    /// <summary>Parses each file; returns the combined policy set, or every error of every file.</summary>
    public static Outcome<PolicySet> Load(IReadOnlyList<string> files, out IReadOnlyList<string> problems)
    {
        var errors = new List<string>();
        var policies = new List<Policy>();
        foreach (var file in files)
        {
            string text;
            try
            {
                text = File.ReadAllText(file);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                errors.Add($"{file}: cannot be read ({e.GetType().Name})");
                continue;
            }

            if (PolicySet.TryParse(text, out var set, out var parseErrors))
            {
                policies.AddRange(set.Policies);
            }
            else
            {
                errors.AddRange(parseErrors.Select(e => $"{file}:{e.Line}:{e.Column}: {e.Message}"));
            }
        }

        problems = errors;
        if (errors.Count > 0)
        {
            return new MandateError(ErrorCodes.PolicyParseFailed, $"{errors.Count} error(s) in the policies.", "Fix each error listed above (file:line:column).");
        }

        try
        {
            return PolicySet.FromPolicies(policies);
        }
        catch (CedarParseException e)
        {
            problems = [e.Message];
            return new MandateError(ErrorCodes.PolicyParseFailed, e.Message, "Give every policy a unique @id across the files.");
        }
    }
}
