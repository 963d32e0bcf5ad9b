using Mandate.Core.Errors;

namespace Mandate.Credentials.GitHub;

/// <summary>
/// The installation-token permissions a lease asks for, from the mandate's <c>repo:</c> verb for the repository:
/// read → contents read; write → contents write; push → contents write and pull_requests write. Metadata read is
/// always included (GitHub grants it to every token that can see a repository).
/// </summary>
public static class GitHubPermissions
{
    public static readonly IReadOnlyList<string> Accesses = ["read", "write", "push"];

    public static Outcome<IReadOnlyList<KeyValuePair<string, string>>> For(string access) => access switch
    {
        "read" => Of(("contents", "read"), ("metadata", "read")),
        "write" => Of(("contents", "write"), ("metadata", "read")),
        "push" => Of(("contents", "write"), ("metadata", "read"), ("pull_requests", "write")),
        _ => new MandateError(ErrorCodes.GitHubRequestInvalid, $"'{access}' is not a repository access.", "Use --access read, write or push (the repo: verbs)."),
    };

    /// <summary>The strongest access (push, write, read) whose capability <paramref name="covers"/> allows; null when none.</summary>
    public static string? Strongest(Func<string, bool> covers)
    {
        ArgumentNullException.ThrowIfNull(covers);
        return new[] { "push", "write", "read" }.FirstOrDefault(covers);
    }

    /// <summary>"contents=write,metadata=read": how a lease's details show them.</summary>
    public static string Describe(IEnumerable<KeyValuePair<string, string>> permissions) =>
        string.Join(',', permissions.Select(p => p.Key + "=" + p.Value));

    private static Outcome<IReadOnlyList<KeyValuePair<string, string>>> Of(params (string Name, string Level)[] pairs) =>
        Outcome<IReadOnlyList<KeyValuePair<string, string>>>.Success([.. pairs.Select(p => KeyValuePair.Create(p.Name, p.Level))]);
}
