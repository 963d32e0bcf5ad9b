using Mandate.Agents.Decisions;
using Mandate.Agents.Hooks;
using Mandate.Agents.Tests.Install;
using Mandate.Core.Mandates;

namespace Mandate.Agents.Tests.Decisions;

/// <summary>
/// A command that reads a directory whole reads the secret files inside it: <c>grep -r KEY .</c> prints a planted
/// <c>.env</c> as surely as <c>cat .env</c>. These run against a real directory tree on disk.
/// </summary>
public sealed class TreeReadTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly string _project;
    private readonly string _home;

    public TreeReadTests()
    {
        _home = Path.Combine(_temp.Path, "home");
        _project = Path.Combine(_home, "webapp");
        Directory.CreateDirectory(Path.Combine(_project, "src", "api"));
        Directory.CreateDirectory(Path.Combine(_project, ".github", "workflows"));
        File.WriteAllText(Path.Combine(_project, "src", "api", "Auth.cs"), "class Auth {}");
        File.WriteAllText(Path.Combine(_project, ".github", "workflows", "ci.yml"), "on: push");
        File.WriteAllText(Path.Combine(_project, ".env"), "API_KEY=test-" + Guid.NewGuid().ToString("N"));
    }

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData("grep -r API_KEY .", "secrets.env-file")]
    [InlineData("grep -rn API_KEY", "secrets.env-file")]
    [InlineData("egrep -R 'KEY|TOKEN' .", "secrets.env-file")]
    [InlineData("rg --hidden API_KEY", "secrets.env-file")]
    [InlineData("rg -uu API_KEY .", "secrets.env-file")]
    [InlineData("ag -u API_KEY", "secrets.env-file")]
    [InlineData("tar czf /tmp/backup.tgz .", "secrets.env-file")]
    [InlineData("zip -qr /tmp/backup.zip .", "secrets.env-file")]
    [InlineData("cd src && grep -r KEY ..", "secrets.env-file")]
    public void ReadingATreeWithASecretFile_IsDenied(string command, string policy)
    {
        var decision = Decide(command);
        Assert.Equal(Verdict.Deny, decision.Verdict);
        Assert.Contains(policy, decision.PolicyIds);
        Assert.Contains(Path.Combine(_project, ".env"), decision.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("grep -rn TODO src")]
    [InlineData("grep -r Auth src/api")]
    [InlineData("rg API_KEY")] // rg skips hidden files unless told otherwise
    [InlineData("rg -u API_KEY")] // -u alone still skips hidden files
    [InlineData("git grep API_KEY")] // tracked files only
    [InlineData("tar czf /tmp/src.tgz src")]
    public void ReadingATreeWithoutSecrets_IsAllowed(string command) =>
        Assert.Equal(Verdict.Allow, Decide(command).Verdict);

    [Fact]
    public void ReadingTheHome_FindsTheCloudCredentialsInIt()
    {
        Directory.CreateDirectory(Path.Combine(_home, ".aws"));
        File.WriteAllText(Path.Combine(_home, ".aws", "credentials"), "[default]");
        File.Delete(Path.Combine(_project, ".env"));

        var decision = Decide($"grep -r aws_secret {_home}");

        Assert.Equal(Verdict.Deny, decision.Verdict);
        Assert.Contains("secrets.cloud-and-tool-credentials", decision.PolicyIds);
    }

    [Fact]
    public void ALinkInTheTree_IsJudgedByWhereItPoints()
    {
        Directory.CreateDirectory(Path.Combine(_home, ".aws"));
        File.WriteAllText(Path.Combine(_home, ".aws", "credentials"), "[default]");
        File.Delete(Path.Combine(_project, ".env"));
        File.CreateSymbolicLink(Path.Combine(_project, "src", "notes"), Path.Combine(_home, ".aws", "credentials"));

        var decision = Decide("grep -R aws_secret .");

        Assert.Equal(Verdict.Deny, decision.Verdict);
        Assert.Contains("secrets.cloud-and-tool-credentials", decision.PolicyIds);
    }

    [Fact]
    public void ATreeTooLargeToWalk_IsAskedAbout()
    {
        File.Delete(Path.Combine(_project, ".env"));
        var big = Path.Combine(_project, "src", "generated");
        Directory.CreateDirectory(big);
        for (var i = 0; i <= TreeScan.EntryBudget; i++)
        {
            File.WriteAllText(Path.Combine(big, $"f{i}.cs"), "");
        }

        var decision = Decide("grep -r KEY .");

        Assert.True(decision.Verdict == Verdict.Ask, decision.Reason);
        Assert.Contains("too large to check for secret files", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ADirectoryNamedAtRunTime_IsAskedAbout()
    {
        var decision = Decide("grep -r KEY \"$DIR\"");
        Assert.True(decision.Verdict == Verdict.Ask, decision.Reason);
    }

    private ToolDecision Decide(string command)
    {
        var context = new ToolContext
        {
            Principal = "spiffe://acme.dev/agent/claude-code/webapp",
            AgentType = "claude-code",
            Dialect = "claude-code",
            Project = _project,
            Cwd = _project,
            Home = _home,
            MandateHome = Path.Combine(_home, ".mandate"),
        };
        var scope = Scope.Parse($"fs:read:{_home}/** fs:write:/tmp/** exec:run:grep exec:run:egrep exec:run:rg exec:run:ag exec:run:git exec:run:tar exec:run:zip exec:run:cd");
        Assert.True(scope.IsSuccess, scope.IsSuccess ? "" : scope.Error.Message);
        var profile = new DecisionProfile { HasMandate = true, Scope = scope.Value, Ask = Scope.Empty, Jti = "mdt_t", Human = "jane@acme.dev", TaskId = "tsk_t" };
        var call = new ToolCall { Name = "Bash", Kind = ToolKind.Shell, Command = command };
        return DecisionEngine.Decide(RequestBuilder.Build(call, context), profile, context, PolicyBundle.Load(null, null).Value);
    }
}
