using System.Text.Json.Nodes;

namespace Mandate.Cli.Tests.Commands;

/// <summary>
/// <c>mandate-hook</c>, the small binary agents run before each tool call: it decides on its own, passes session
/// start and end on to <c>mandate</c> beside it, and denies whenever it cannot.
/// </summary>
public sealed class HookBinaryTests
{
    private static string HookBinary
    {
        get
        {
            var path = Path.Combine(Path.GetDirectoryName(CliRunner.Mandate)!, "mandate-hook");
            Assert.True(File.Exists(path), $"{path} is missing: build both binaries with ./mandate (./test does) and set MANDATE_BIN to .build/mandate/mandate.");
            return path;
        }
    }

    [Fact]
    public async Task DecidesLikeMandateHook_ForEveryDialect()
    {
        using var p = await HookProject.CreateAsync();
        foreach (var dialect in new[] { "claude-code", "cursor", "gemini", "copilot", "codex" })
        {
            var payload = dialect switch
            {
                "cursor" => new JsonObject { ["hook_event_name"] = "beforeShellExecution", ["command"] = "cat .env", ["cwd"] = p.Project, ["conversation_id"] = "c1", ["generation_id"] = "g1" }.ToJsonString(),
                "gemini" => new JsonObject { ["hook_event_name"] = "BeforeTool", ["session_id"] = "g1", ["cwd"] = p.Project, ["tool_name"] = "run_shell_command", ["tool_input"] = new JsonObject { ["command"] = "cat .env" } }.ToJsonString(),
                "copilot" => new JsonObject { ["timestamp"] = 1, ["cwd"] = p.Project, ["toolName"] = "bash", ["toolArgs"] = new JsonObject { ["command"] = "cat .env" }.ToJsonString() }.ToJsonString(),
                _ => p.Bash("s1", "cat .env"),
            };
            var small = await p.InstalledHookAsync($"{HookBinary} {dialect}", payload);
            var full = await p.HookAsync(dialect, payload);
            Assert.Equal(full.ExitCode, small.ExitCode);
            Assert.Equal(full.Stdout, small.Stdout);
            Assert.Contains("deny", small.Stdout + small.Stderr, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task AHomeFolderThatDoesNotExist_StillLetsCommandsBeParsed()
    {
        // A fresh CI user or container may have HOME set to a folder not yet made; every shell command was then
        // denied as unparseable, because '~' had no value.
        using var p = await HookProject.CreateAsync();
        var payload = p.Home.PathOf("payload.json");
        File.WriteAllText(payload, p.Bash("s1", "git status"));
        var environment = new Dictionary<string, string?>(p.Home.Environment) { ["CLAUDE_PROJECT_DIR"] = p.Project, ["HOME"] = p.Home.PathOf("no-such-home") };
        var result = await CliRunner.RunAsync("sh", ["-c", $"'{HookBinary}' claude-code < '{payload}'"], environment, p.Project);

        Assert.Equal(0, result.ExitCode);
        Assert.DoesNotContain("shell.unparseable", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("permissionDecision", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnswerRedirectedToAFile_LandsBetweenWhatOthersWrote()
    {
        // Agents connect pipes; by hand, stdout may be a file shared with other writers, which must not be overwritten.
        using var p = await HookProject.CreateAsync();
        var payload = p.Home.PathOf("payload.json");
        var output = p.Home.PathOf("out.txt");
        File.WriteAllText(payload, p.Bash("s1", "cat .env"));
        var script = $"echo first; '{HookBinary}' claude-code < '{payload}'; echo; echo last";
        (await CliRunner.RunAsync("sh", ["-c", $"({script}) > '{output}'"], new Dictionary<string, string?>(p.Home.Environment) { ["CLAUDE_PROJECT_DIR"] = p.Project }, p.Project)).AssertSuccess();

        var lines = File.ReadAllLines(output);
        Assert.Equal(3, lines.Length);
        Assert.Equal("first", lines[0]);
        Assert.Contains("\"permissionDecision\":\"deny\"", lines[1], StringComparison.Ordinal);
        Assert.Equal("last", lines[2]);
    }

    [Theory]
    [InlineData("")]
    [InlineData("nope")]
    [InlineData("claude-code extra")]
    public async Task BadArguments_AreADeny(string args)
    {
        using var p = await HookProject.CreateAsync();
        var result = await CliRunner.RunAsync(HookBinary, args.Split(' ', StringSplitOptions.RemoveEmptyEntries), p.Home.Environment, p.Project, p.Bash("s1", "git status"));
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("usage: mandate-hook", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutMandateBesideIt_ToolCallsAreDecided_AndSessionEventsDenied()
    {
        using var p = await HookProject.CreateAsync();
        var alone = p.Home.PathOf("alone");
        Directory.CreateDirectory(alone);
        foreach (var file in Directory.GetFiles(Path.GetDirectoryName(HookBinary)!).Where(f => !Path.GetFileName(f).StartsWith("mandate", StringComparison.Ordinal) || Path.GetFileName(f) == "mandate-hook"))
        {
            File.Copy(file, Path.Combine(alone, Path.GetFileName(file)));
        }

        var hook = Path.Combine(alone, "mandate-hook") + " claude-code";
        var secret = HookProject.ClaudeDecision(await p.InstalledHookAsync(hook, p.Bash("s1", "cat .env")));
        Assert.Equal("deny", secret.Decision);

        var start = await p.InstalledHookAsync(hook, HookProject.Claude("SessionStart", "s1", cwd: p.Project));
        Assert.Equal(2, start.ExitCode);
        Assert.Contains("mandate is missing", start.Stderr, StringComparison.Ordinal);
    }
}
