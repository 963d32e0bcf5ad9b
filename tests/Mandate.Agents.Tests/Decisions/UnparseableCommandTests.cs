using Mandate.Agents.Decisions;
using Mandate.Agents.Hooks;

namespace Mandate.Agents.Tests.Decisions;

/// <summary>Fail closed: shell text the analyzer cannot parse is denied by a guardrail, with or without a mandate, never merely asked about.</summary>
public sealed class UnparseableCommandTests
{
    [Theory]
    [InlineData("cat 'unterminated")]
    [InlineData("echo \"$(cat .env")]
    public void UnparseableShellText_IsDenied_EvenWithoutAMandate(string command) => AssertDenied(command);

    [Fact]
    public void ShellTextOverTheLimits_IsDenied() => AssertDenied("echo " + new string('a', 70 * 1024));

    private static void AssertDenied(string command)
    {
        var context = new ToolContext
        {
            Principal = "spiffe://acme.dev/agent/claude-code/api",
            AgentType = "claude-code",
            Dialect = "claude-code",
            Project = CorpusCase.Project,
            Cwd = CorpusCase.Project,
            Home = CorpusCase.Home,
            MandateHome = CorpusCase.Home + "/.mandate",
        };
        var call = new ToolCall { Name = "Bash", Kind = ToolKind.Shell, Command = command };
        var decision = DecisionEngine.Decide(RequestBuilder.Build(call, context), DecisionProfile.None, context, PolicyBundle.Load(null, null).Value);
        Assert.Equal(Verdict.Deny, decision.Verdict);
        Assert.Contains("shell.unparseable", decision.PolicyIds);
    }
}
