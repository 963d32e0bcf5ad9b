using Mandate.Cedar;
using Mandate.Cedar.Schema;
using Mandate.Cedar.Validation;
using Mandate.Core.Errors;

namespace Mandate.Cli.Commands;

/// <summary>
/// Reads policy files and folders (every <c>*.cedar</c> below a folder), reporting every parse error with its position.
/// A policy is named by its <c>@id("…")</c> annotation when it has one, as Cedar's own CLI does; otherwise
/// <c>policy0</c>, <c>policy1</c>, … by its position in its file, prefixed with the file (<c>rules.cedar#policy0</c>)
/// when several files are read together, so that their policies never share a name.
/// </summary>
internal static class PolicyFiles
{
    public static IReadOnlyList<string> Expand(IEnumerable<string> paths) =>
        [.. paths.SelectMany(p => Directory.Exists(p)
            ? Directory.EnumerateFiles(p, "*.cedar", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            : (IEnumerable<string>)[p])];

    /// <summary>
    /// Validates each file against the schema (strict mode). Errors read <c>file:line:column: policy: message</c>;
    /// warnings (a policy that can never apply) the same with <c>warning:</c> before the policy.
    /// </summary>
    public static (IReadOnlyList<string> Errors, IReadOnlyList<string> Warnings) Validate(IReadOnlyList<PolicyFile> files, string schemaPath)
    {
        string schemaText;
        try
        {
            schemaText = File.ReadAllText(schemaPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return ([$"{schemaPath}: cannot be read ({e.GetType().Name})"], []);
        }

        if (!CedarSchema.TryParseAny(schemaText, out var schema, out var schemaErrors))
        {
            return ([.. schemaErrors.Select(e => e.Line > 0 ? $"{schemaPath}:{e.Line}:{e.Column}: {e.Message}" : $"{schemaPath}: {e.Message}")], []);
        }

        var errors = new List<string>();
        var warnings = new List<string>();
        foreach (var file in files)
        {
            var result = Validator.Validate(PolicySet.FromPolicies(file.Policies), schema, file.Text);
            errors.AddRange(result.Errors.Select(e => $"{file.Path}:{e.Line}:{e.Column}: {e.PolicyId}: {e.Message}"));
            warnings.AddRange(result.Warnings.Select(w => $"{file.Path}:{w.Line}:{w.Column}: warning: {w.PolicyId}: {w.Message}"));
        }

        return (errors, warnings);
    }

    /// <summary>The error with every problem folded into its one line, for commands whose stdout is data.</summary>
    public static MandateError WithProblems(MandateError error, IReadOnlyList<string> problems) =>
        error with { Message = error.Message.TrimEnd('.') + ": " + string.Join("; ", problems) + "." };

    /// <summary>Parses each file; returns the combined policy set, or every error of every file.</summary>
    public static Outcome<PolicySet> Load(IReadOnlyList<string> files, out IReadOnlyList<string> problems) =>
        Load(files, out problems, out _);

    /// <summary>As <see cref="Load(IReadOnlyList{string}, out IReadOnlyList{string})"/>, also giving each file's named policies.</summary>
    public static Outcome<PolicySet> Load(IReadOnlyList<string> files, out IReadOnlyList<string> problems, out IReadOnlyList<PolicyFile> parsed)
    {
        var errors = new List<string>();
        var read = new List<PolicyFile>();
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
                read.Add(new PolicyFile(file, text, [.. set.Policies.Select(p => p.WithId(NameOf(p, file, files.Count > 1)))]));
            }
            else
            {
                errors.AddRange(parseErrors.Select(e => $"{file}:{e.Line}:{e.Column}: {e.Message}"));
            }
        }

        // Two policies with one name: both places are listed, and the set is refused.
        var first = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in read)
        {
            foreach (var policy in file.Policies)
            {
                var here = $"{file.Path}:{policy.Line}";
                if (!first.TryAdd(policy.Id, here))
                {
                    errors.Add($"{here}: policy id `{policy.Id}` is already used by the policy at {first[policy.Id]}");
                }
            }
        }

        problems = errors;
        parsed = read;
        return errors.Count > 0
            ? (Outcome<PolicySet>)new MandateError(ErrorCodes.PolicyParseFailed, $"{errors.Count} error(s) in the policies.", "Fix each error listed above (file:line:column); every @id must be unique across the files.")
            : PolicySet.FromPolicies(read.SelectMany(f => f.Policies));
    }

    private static string NameOf(Policy policy, string file, bool severalFiles) =>
        policy.Annotations.TryGetValue("id", out var id) && id.Length > 0 ? id
        : severalFiles ? file + "#" + policy.Id
        : policy.Id;
}
