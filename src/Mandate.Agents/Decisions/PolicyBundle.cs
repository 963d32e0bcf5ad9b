using System.Diagnostics.CodeAnalysis;
using Mandate.Cedar;
using Mandate.Core.Errors;

namespace Mandate.Agents.Decisions;

/// <summary>
/// The policies every decision joins: Mandate's built-in guardrails (shipped inside the binary), the
/// organisation's files in <c>$MANDATE_HOME/policies/</c>, and a project's <c>.mandate/policies/</c>.
/// A project's files may only forbid: a repository must not be able to widen what its agents may do.
/// </summary>
public sealed class PolicyBundle
{
    public const string BuiltinPrefix = "builtin/";

    private readonly Dictionary<string, PolicySource> _sources;

    private PolicyBundle(PolicySet policies, Dictionary<string, PolicySource> sources)
    {
        Policies = policies;
        Permits = PolicySet.FromPolicies(policies.Policies.Where(p => p.Effect == Effect.Permit));
        _sources = sources;
    }

    public PolicySet Policies { get; }

    /// <summary>The permits alone: whether anything permits a request, whatever forbids it.</summary>
    public PolicySet Permits { get; }

    public IReadOnlyCollection<PolicySource> Sources => _sources.Values;

    /// <summary>The built-in guardrail files: name (<c>builtin/secrets.cedar</c>) and text, compiled in (Policy/BuiltinPolicies.targets).</summary>
    public static IReadOnlyList<(string Name, string Text)> Builtin => BuiltinPolicies.Files;

    /// <summary>The published Cedar schema of tool-call requests (<c>mandate policy schema</c>); read on demand, as tool calls never need it.</summary>
    public static string Schema => ReadResource("mandate.cedarschema");

    public bool TryGetSource(string id, [NotNullWhen(true)] out PolicySource? source) => _sources.TryGetValue(id, out source);

    /// <summary>The built-ins plus the <c>.cedar</c> files of the given directories (either may be null or absent).</summary>
    public static Outcome<PolicyBundle> Load(string? organisationDir, string? projectDir)
    {
        var files = new List<(string Name, string Text, bool ForbidOnly)>();
        files.AddRange(Builtin.Select(b => (b.Name, b.Text, false)));
        var read = AddDirectory(files, organisationDir, forbidOnly: false);
        read ??= AddDirectory(files, projectDir, forbidOnly: true);
        return read is null ? Merge(files) : read;
    }

    private static MandateError? AddDirectory(List<(string, string, bool)> files, string? dir, bool forbidOnly)
    {
        if (dir is null || !Directory.Exists(dir))
        {
            return null;
        }

        try
        {
            foreach (var path in Directory.EnumerateFiles(dir, "*.cedar").Order(StringComparer.Ordinal))
            {
                files.Add((path, File.ReadAllText(path), forbidOnly));
            }

            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new MandateError(ErrorCodes.PolicyFileUnreadable, $"The policies in {dir} cannot be read: {e.GetType().Name}.", "Check the directory's permissions.");
        }
    }

    private static Outcome<PolicyBundle> Merge(List<(string Name, string Text, bool ForbidOnly)> files)
    {
        var merged = new List<Policy>();
        var sources = new Dictionary<string, PolicySource>(StringComparer.Ordinal);
        var problems = new List<string>();
        foreach (var (name, text, forbidOnly) in files)
        {
            if (!PolicySet.TryParse(text, out var set, out var errors))
            {
                problems.AddRange(errors.Select(e => $"{name}:{e.Line}:{e.Column}: {e.Message}"));
                continue;
            }

            foreach (var policy in set.Policies)
            {
                if (forbidOnly && policy.Effect == Effect.Permit)
                {
                    problems.Add($"{name}:{policy.Line}: a project's policies may only forbid; move this permit to $MANDATE_HOME/policies/");
                    continue;
                }

                var id = policy.Annotations.TryGetValue("id", out var given) && given.Length > 0 && !sources.ContainsKey(given)
                    ? given
                    : $"{name}#{policy.Id}";
                merged.Add(policy.WithId(id));
                sources[id] = new PolicySource(
                    id,
                    name,
                    policy.Line,
                    policy.Effect,
                    policy.Annotations.TryGetValue("ask", out var ask) ? ask : null,
                    policy.Annotations.TryGetValue("reason", out var reason) ? reason : null);
            }
        }

        if (problems.Count > 0)
        {
            return new MandateError(
                ErrorCodes.PolicyParseFailed,
                $"The policy set cannot be loaded: {string.Join("; ", problems.Take(5))}{(problems.Count > 5 ? $" (and {problems.Count - 5} more)" : "")}.",
                "Fix the named files (mandate policy validate <file> lists every error); until then every tool call is denied.");
        }

        return new PolicyBundle(PolicySet.FromPolicies(merged), sources);
    }

    private static string ReadResource(string name)
    {
        using var stream = typeof(PolicyBundle).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The resource {name} is missing from {nameof(Mandate)}.Agents.");

        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        return System.Text.Encoding.UTF8.GetString(bytes);
    }
}
