using System.Text.Json;

namespace Mandate.Cli.Tests.Commands;

/// <summary>
/// A new user's set-up for the mandate tests: an initialised home, <c>user.email</c> set, a main agent
/// (<c>claude-code</c>) and a sub-agent (<c>test-runner</c>), and helpers that grant and delegate through the CLI.
/// </summary>
internal sealed class MandateSession : IDisposable
{
    public const string Human = "jane@acme.dev";
    public const string RootScope = "fs:read:/src/** fs:write:/src/api/** exec:run:dotnet agent:delegate:test-runner";

    private MandateSession(TempHome home, (string Id, string SpiffeId) main, (string Id, string SpiffeId) sub)
    {
        Home = home;
        Main = main;
        Sub = sub;
    }

    public TempHome Home { get; }

    public (string Id, string SpiffeId) Main { get; }

    public (string Id, string SpiffeId) Sub { get; }

    public static async Task<MandateSession> StartAsync(bool setEmail = true)
    {
        var home = await new TempHome().InitAsync();
        if (setEmail)
        {
            (await home.RunAsync("config", "set", "user.email", Human)).AssertSuccess();
        }

        var main = await home.RegisterAsync("claude-code", "webapp");
        var sub = await home.RegisterAsync("test-runner", "webapp");
        return new MandateSession(home, main, sub);
    }

    public Task<ProcessResult> RunAsync(params string[] args) => Home.RunAsync(args);

    /// <summary>Runs <c>mandate grant</c> for <see cref="Main"/> with a task, purpose and the root scope unless given.</summary>
    public Task<ProcessResult> TryGrantAsync(string? agent = null, string scope = RootScope, params string[] extra) =>
        Home.RunAsync(["grant", "--agent", agent ?? Main.Id, "--task", "Fix flaky tests", "--purpose", "make CI green", "--scope", scope, .. extra]);

    public async Task<Issued> GrantAsync(string scope = RootScope, params string[] extra) =>
        Issued.From((await TryGrantAsync(null, scope, [.. extra, "--json"])).AssertSuccess());

    public Task<ProcessResult> TryDelegateAsync(string parent, string to, string scope, params string[] extra) =>
        Home.RunAsync(["delegate", "--mandate", parent, "--to", to, "--scope", scope, .. extra]);

    public async Task<Issued> DelegateAsync(string parent, string scope = "fs:read:/src/tests/**", params string[] extra) =>
        Issued.From((await TryDelegateAsync(parent, Sub.Id, scope, [.. extra, "--json"])).AssertSuccess());

    /// <summary>Every audit record, oldest first, from <c>mandate audit list --json</c>.</summary>
    public async Task<IReadOnlyList<JsonElement>> AuditAsync()
    {
        var result = (await Home.RunAsync("audit", "list", "--limit", "1000", "--json")).AssertSuccess();
        using var json = JsonDocument.Parse(result.Stdout);
        return [.. json.RootElement.EnumerateArray().Select(e => e.Clone())];
    }

    /// <summary>The records of one event, e.g. <c>mandate.grant</c>.</summary>
    public async Task<IReadOnlyList<JsonElement>> AuditAsync(string eventName) =>
        [.. (await AuditAsync()).Where(r => r.GetProperty("event").GetString() == eventName)];

    public async Task<JsonElement> ListAsync(params string[] extra)
    {
        var result = (await Home.RunAsync(["list", .. extra, "--json"])).AssertSuccess();
        using var json = JsonDocument.Parse(result.Stdout);
        return json.RootElement.Clone();
    }

    public void Dispose() => Home.Dispose();

    /// <summary>What <c>grant --json</c> and <c>delegate --json</c> print.</summary>
    internal sealed record Issued(string Token, string Jti, string TaskId, string Actor, string Scope, int Depth, DateTimeOffset ExpiresAt)
    {
        public static Issued From(ProcessResult result)
        {
            using var json = JsonDocument.Parse(result.Stdout);
            var r = json.RootElement;
            return new Issued(
                r.GetProperty("token").GetString()!,
                r.GetProperty("jti").GetString()!,
                r.GetProperty("task_id").GetString()!,
                r.GetProperty("actor").GetString()!,
                r.GetProperty("scope").GetString()!,
                r.GetProperty("depth").GetInt32(),
                r.GetProperty("expires_at").GetDateTimeOffset());
        }
    }
}
