namespace Mandate.Cli.Commands;

/// <summary>
/// The environment an agent runs in under <c>mandate run</c>: the developer's long-lived credentials removed,
/// Mandate's session and helpers added. Pure, so <c>--dry-run</c> shows exactly what a real run does.
/// </summary>
internal static class RunEnvironment
{
    /// <summary>Variables removed by name.</summary>
    private static readonly HashSet<string> Exact = new(StringComparer.Ordinal)
    {
        "GITHUB_TOKEN", "GH_TOKEN", "GH_ENTERPRISE_TOKEN", "GITLAB_TOKEN", "NPM_TOKEN", "NODE_AUTH_TOKEN", "SSH_AUTH_SOCK",
        "DOCKER_HOST", "DOCKER_AUTH_CONFIG", "KUBECONFIG", "GOOGLE_APPLICATION_CREDENTIALS", "AZURE_CLIENT_SECRET",
        "VAULT_TOKEN", "PGPASSWORD", "PGPASSFILE", "MYSQL_PWD", "HF_TOKEN", "SLACK_TOKEN", "NETRC",
        "GIT_ASKPASS", "SSH_ASKPASS", "GIT_SSH_COMMAND", "GIT_CONFIG_GLOBAL",
    };

    /// <summary>Mandate's own variables that the run sets itself; inherited values are dropped.</summary>
    private static readonly string[] Own = ["MANDATE_TOKEN", "MANDATE_TOKEN_FILE", "MANDATE_SESSION_ID"];

    /// <summary>Whether a variable holds a credential the agent must not inherit.</summary>
    public static bool IsScrubbed(string name, IReadOnlyCollection<string> extra)
    {
        if (Exact.Contains(name) || extra.Contains(name) || Own.Contains(name, StringComparer.Ordinal))
        {
            return true;
        }

        var upper = name.ToUpperInvariant();
        return upper.StartsWith("AWS_", StringComparison.Ordinal)
            || upper.EndsWith("_API_KEY", StringComparison.Ordinal)
            || upper.EndsWith("_TOKEN", StringComparison.Ordinal)
            || upper.Contains("_SECRET", StringComparison.Ordinal)
            || upper.StartsWith("SECRET_", StringComparison.Ordinal)
            || upper.EndsWith("_PASSWORD", StringComparison.Ordinal)
            || upper.Contains("_ACCESS_KEY", StringComparison.Ordinal);
    }

    /// <summary>The names of <paramref name="current"/> that a run removes, sorted.</summary>
    public static IReadOnlyList<string> Removed(IReadOnlyDictionary<string, string> current, IReadOnlyCollection<string> extra) =>
        [.. current.Keys.Where(k => IsScrubbed(k, extra)).Order(StringComparer.Ordinal)];

    /// <summary>
    /// What a run adds: the session's mandate (as a 0600 file, never the token itself in the environment), the
    /// session id, and git pointed at Mandate's credential helper through GIT_CONFIG_* (nothing written to any file).
    /// </summary>
    public static IReadOnlyDictionary<string, string> Injected(string binary, string tokenFile, string sessionId) => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["MANDATE_TOKEN_FILE"] = tokenFile,
        ["MANDATE_SESSION_ID"] = sessionId,
        ["GIT_CONFIG_COUNT"] = "3",
        ["GIT_CONFIG_KEY_0"] = "credential.helper",
        ["GIT_CONFIG_VALUE_0"] = "",
        ["GIT_CONFIG_KEY_1"] = "credential.helper",
        ["GIT_CONFIG_VALUE_1"] = $"{Quote(binary)} credential git",
        ["GIT_CONFIG_KEY_2"] = "credential.useHttpPath",
        ["GIT_CONFIG_VALUE_2"] = "true",
        ["GIT_TERMINAL_PROMPT"] = "0",
    };

    private static string Quote(string path) => path.Any(char.IsWhiteSpace) ? "'" + path.Replace("'", "'\\''", StringComparison.Ordinal) + "'" : path;
}
