using Mandate.Agents.Hooks;
using Mandate.Agents.Install;

namespace Mandate.Agents.Tests.Install;

public sealed class InstallPathsTests
{
    private readonly InstallPaths _paths = new("/work/repo", "/home/jane", "/");

    [Theory]
    [InlineData(HookDialect.ClaudeCode, InstallScope.Project, "/work/repo/.claude/settings.json")]
    [InlineData(HookDialect.ClaudeCode, InstallScope.User, "/home/jane/.claude/settings.json")]
    [InlineData(HookDialect.ClaudeCode, InstallScope.Managed, "/etc/claude-code/managed-settings.json")]
    [InlineData(HookDialect.Cursor, InstallScope.Project, "/work/repo/.cursor/hooks.json")]
    [InlineData(HookDialect.Cursor, InstallScope.User, "/home/jane/.cursor/hooks.json")]
    [InlineData(HookDialect.Cursor, InstallScope.Managed, "/etc/cursor/hooks.json")]
    [InlineData(HookDialect.Gemini, InstallScope.Project, "/work/repo/.gemini/settings.json")]
    [InlineData(HookDialect.Gemini, InstallScope.User, "/home/jane/.gemini/settings.json")]
    [InlineData(HookDialect.Gemini, InstallScope.Managed, "/etc/gemini-cli/settings.json")]
    [InlineData(HookDialect.Copilot, InstallScope.Project, "/work/repo/.github/hooks/mandate.json")]
    [InlineData(HookDialect.Copilot, InstallScope.User, "/home/jane/.copilot/hooks/mandate.json")]
    [InlineData(HookDialect.Copilot, InstallScope.Managed, "/etc/github-copilot/policy.d/mandate.json")]
    [InlineData(HookDialect.Codex, InstallScope.Project, "/work/repo/.codex/hooks.json")]
    [InlineData(HookDialect.Codex, InstallScope.User, "/home/jane/.codex/hooks.json")]
    [InlineData(HookDialect.Codex, InstallScope.Managed, "/etc/codex/requirements.toml")]
    public void EveryAgentAndScope(HookDialect agent, InstallScope scope, string path) => Assert.Equal(path, _paths.For(agent, scope));

    [Fact]
    public void ManagedRoot_MovesManagedPaths()
    {
        var paths = new InstallPaths("/p", "/h", "/tmp/root");
        Assert.Equal("/tmp/root/etc/cursor/hooks.json", paths.For(HookDialect.Cursor, InstallScope.Managed));
        Assert.Equal(15, paths.All().Count);
    }
}
