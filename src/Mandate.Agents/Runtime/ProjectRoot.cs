namespace Mandate.Agents.Runtime;

/// <summary>The project a tool call belongs to: the agent's project variable, else the nearest directory with .mandate or .git, else the cwd.</summary>
public static class ProjectRoot
{
    private static readonly string[] Variables = ["CLAUDE_PROJECT_DIR", "GEMINI_PROJECT_DIR", "CURSOR_PROJECT_DIR", "MANDATE_PROJECT_DIR"];

    public static string Find(string cwd)
    {
        foreach (var variable in Variables)
        {
            if (Environment.GetEnvironmentVariable(variable) is { Length: > 1 } dir && dir.StartsWith('/'))
            {
                return dir.TrimEnd('/');
            }
        }

        for (var dir = cwd; !string.IsNullOrEmpty(dir); dir = Path.GetDirectoryName(dir))
        {
            if (Directory.Exists(Path.Combine(dir, ".mandate")) || Path.Exists(Path.Combine(dir, ".git")))
            {
                return dir.Length > 1 ? dir.TrimEnd('/') : dir;
            }
        }

        return cwd.Length > 1 ? cwd.TrimEnd('/') : cwd;
    }
}
