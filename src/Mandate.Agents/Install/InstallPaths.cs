using Mandate.Agents.Hooks;

namespace Mandate.Agents.Install;

/// <summary>
/// Where each agent keeps its hook configuration. <c>managedRoot</c> is "/" on a real machine; tests (and the CLI,
/// from MANDATE_MANAGED_ROOT) point it elsewhere.
/// </summary>
public sealed class InstallPaths
{
    private readonly string _project;
    private readonly string _home;
    private readonly string _managedRoot;

    public InstallPaths(string projectDir, string homeDir, string managedRoot)
    {
        ArgumentException.ThrowIfNullOrEmpty(projectDir);
        ArgumentException.ThrowIfNullOrEmpty(homeDir);
        ArgumentException.ThrowIfNullOrEmpty(managedRoot);
        _project = Path.GetFullPath(projectDir);
        _home = Path.GetFullPath(homeDir);
        _managedRoot = Path.GetFullPath(managedRoot);
    }

    public static IReadOnlyList<InstallScope> Scopes { get; } = [InstallScope.Project, InstallScope.User, InstallScope.Managed];

    public string For(HookDialect agent, InstallScope scope) => scope switch
    {
        InstallScope.Project => Path.Combine(_project, ProjectRelative(agent)),
        InstallScope.User => Path.Combine(_home, UserRelative(agent)),
        InstallScope.Managed => Path.Combine(_managedRoot, ManagedRelative(agent)),
        _ => throw new ArgumentOutOfRangeException(nameof(scope), scope, "unknown install scope"),
    };

    public InstallTarget Target(HookDialect agent, InstallScope scope) => new(agent, scope, For(agent, scope));

    /// <summary>Every agent at every scope, in a stable order (for status listings).</summary>
    public IReadOnlyList<InstallTarget> All() =>
        [.. HookDialects.All.SelectMany(agent => Scopes.Select(scope => Target(agent, scope)))];

    private static string ProjectRelative(HookDialect agent) => agent switch
    {
        HookDialect.ClaudeCode => Path.Combine(".claude", "settings.json"),
        HookDialect.Cursor => Path.Combine(".cursor", "hooks.json"),
        HookDialect.Gemini => Path.Combine(".gemini", "settings.json"),
        HookDialect.Copilot => Path.Combine(".github", "hooks", "mandate.json"),
        HookDialect.Codex => Path.Combine(".codex", "hooks.json"),
        _ => throw new ArgumentOutOfRangeException(nameof(agent), agent, "unknown agent"),
    };

    private static string UserRelative(HookDialect agent) => agent switch
    {
        HookDialect.Copilot => Path.Combine(".copilot", "hooks", "mandate.json"),
        _ => ProjectRelative(agent),
    };

    private static string ManagedRelative(HookDialect agent) => agent switch
    {
        HookDialect.ClaudeCode => Path.Combine("etc", "claude-code", "managed-settings.json"),
        HookDialect.Cursor => Path.Combine("etc", "cursor", "hooks.json"),
        HookDialect.Gemini => Path.Combine("etc", "gemini-cli", "settings.json"),
        HookDialect.Copilot => Path.Combine("etc", "github-copilot", "policy.d", "mandate.json"),
        // Written by the administrator; Mandate only reads it for status.
        HookDialect.Codex => Path.Combine("etc", "codex", "requirements.toml"),
        _ => throw new ArgumentOutOfRangeException(nameof(agent), agent, "unknown agent"),
    };
}
