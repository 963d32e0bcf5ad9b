using System.Text.Json;
using System.Text.Json.Nodes;

namespace Mandate.Cli.Tests.Commands;

/// <summary>A home plus a scratch project with a planted .env, and hook events sent to the installed binary.</summary>
internal sealed class HookProject : IDisposable
{
    private HookProject(TempHome home)
    {
        Home = home;
        Project = home.PathOf("webapp");
        Directory.CreateDirectory(Path.Combine(Project, "src"));
        Directory.CreateDirectory(Path.Combine(Project, ".git"));
        File.WriteAllText(Path.Combine(Project, ".env"), "STRIPE_SECRET_KEY=sk_live_" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)) + "\n");
    }

    public TempHome Home { get; }

    public string Project { get; }

    public string Secret => File.ReadAllText(Path.Combine(Project, ".env")).Split('=')[1].Trim();

    public static async Task<HookProject> CreateAsync()
    {
        var home = await new TempHome().InitAsync();
        (await home.RunAsync("config", "set", "user.email", "jane@acme.dev")).AssertSuccess();
        return new HookProject(home);
    }

    public Task<ProcessResult> MandateAsync(params string[] args) =>
        CliRunner.RunAsync(CliRunner.Mandate, args, Home.Environment, workingDirectory: Project);

    /// <summary>Sends one event to <c>mandate hook &lt;dialect&gt;</c> as the agent would: JSON on stdin, the project as cwd.</summary>
    public Task<ProcessResult> HookAsync(string dialect, string json, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var env = new Dictionary<string, string?>(Home.Environment) { ["CLAUDE_PROJECT_DIR"] = Project };
        foreach (var (k, v) in environment ?? new Dictionary<string, string?>())
        {
            env[k] = v;
        }

        return CliRunner.RunAsync(CliRunner.Mandate, ["hook", dialect], env, workingDirectory: Project, stdin: json);
    }

    /// <summary>Sends one event to the command an installer registered (<c>/…/mandate-hook claude-code</c>), run exactly as the agent would run it.</summary>
    public Task<ProcessResult> InstalledHookAsync(string command, string json)
    {
        var words = command.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var env = new Dictionary<string, string?>(Home.Environment) { ["CLAUDE_PROJECT_DIR"] = Project };
        return CliRunner.RunAsync(words[0], words[1..], env, workingDirectory: Project, stdin: json);
    }

    public static string Claude(string eventName, string session, string? tool = null, JsonObject? input = null, string cwd = "") =>
        new JsonObject
        {
            ["session_id"] = session,
            ["transcript_path"] = "/tmp/t.jsonl",
            ["cwd"] = cwd,
            ["permission_mode"] = "default",
            ["hook_event_name"] = eventName,
            ["tool_name"] = tool,
            ["tool_use_id"] = tool is null ? null : "toolu_" + session,
            ["tool_input"] = input,
        }.ToJsonString();

    public string Bash(string session, string command) =>
        Claude("PreToolUse", session, "Bash", new JsonObject { ["command"] = command }, Project);

    /// <summary>Claude Code's answer: (permissionDecision, reason).</summary>
    public static (string Decision, string Reason) ClaudeDecision(ProcessResult result)
    {
        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.Stdout);
        var output = json.RootElement.GetProperty("hookSpecificOutput");
        Assert.Equal("PreToolUse", output.GetProperty("hookEventName").GetString());
        return (output.GetProperty("permissionDecision").GetString()!, output.GetProperty("permissionDecisionReason").GetString()!);
    }

    public void Dispose() => Home.Dispose();
}
