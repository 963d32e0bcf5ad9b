using Mandate.Agents.Hooks;

namespace Mandate.Agents.Tests.Hooks;

public sealed class HookDialectsTests
{
    [Theory]
    [InlineData("claude-code", HookDialect.ClaudeCode)]
    [InlineData("cursor", HookDialect.Cursor)]
    [InlineData("gemini", HookDialect.Gemini)]
    [InlineData("copilot", HookDialect.Copilot)]
    [InlineData("codex", HookDialect.Codex)]
    public void Names_RoundTrip(string name, HookDialect dialect)
    {
        Assert.True(HookDialects.TryParse(name, out var parsed));
        Assert.Equal(dialect, parsed);
        Assert.Equal(name, HookDialects.Name(dialect));
    }

    [Theory]
    [InlineData("claude")]
    [InlineData("Cursor")]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("ClaudeCode")]
    public void OtherNames_AreRefused(string? name) => Assert.False(HookDialects.TryParse(name, out _));
}
