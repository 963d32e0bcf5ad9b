using System.Globalization;
using System.Security.Cryptography;
using Mandate.Credentials.Tests.GitHub;

namespace Mandate.Cli.Tests.Commands;

/// <summary>
/// A home with a GitHub App registered (<c>mandate provider add github</c>) whose API is a <see cref="FakeGitHub"/>
/// serving <c>acme/api.git</c>, and git run with <c>mandate credential git</c> as its only credential helper, HOME
/// in a temp folder, no system or global config and no prompt: no developer credential can be found.
/// </summary>
internal sealed class GitHubProject : IDisposable
{
    public const string AppId = "Iv23liCliTestApp";
    public const long InstallationId = 777;

    private readonly RSA _key;

    private GitHubProject(MandateSession session, RSA key, FakeGitHub server)
    {
        Session = session;
        _key = key;
        Server = server;
        GitHome = Home.PathOf("git-home");
        Directory.CreateDirectory(GitHome);
    }

    public MandateSession Session { get; }

    public TempHome Home => Session.Home;

    public FakeGitHub Server { get; }

    public string GitHome { get; }

    /// <summary>The repository as a capability target: <c>127.0.0.1:&lt;port&gt;/acme/api</c>.</summary>
    public string Target => $"{Server.Host}/acme/api";

    public static async Task<GitHubProject> StartAsync()
    {
        CliRunner.RequireTool("git", "Install git (apt-get install git; CI does).");
        var session = await MandateSession.StartAsync();
        var key = RSA.Create(2048);
        var keyPath = session.Home.PathOf("acme-bot.private-key.pem");
        await File.WriteAllTextAsync(keyPath, key.ExportRSAPrivateKeyPem(), TestContext.Current.CancellationToken);
        var publicKey = RSA.Create();
        publicKey.ImportRSAPublicKey(key.ExportRSAPublicKey(), out _);
        var server = new FakeGitHub(publicKey, AppId, InstallationId);
        server.CreateRepository();
        (await session.RunAsync("provider", "add", "github", "--name", "acme-bot", "--app-id", AppId,
            "--installation-id", InstallationId.ToString(CultureInfo.InvariantCulture), "--private-key", keyPath, "--api-url", server.ApiUrl)).AssertSuccess();
        return new GitHubProject(session, key, server);
    }

    /// <summary>A mandate for the main agent with this scope; its token.</summary>
    public async Task<string> MandateAsync(string scope) => (await Session.GrantAsync(scope)).Token;

    /// <summary>Runs git with Mandate as the only credential helper, under <paramref name="token"/>.</summary>
    public Task<ProcessResult> GitAsync(string? token, string workingDirectory, params string[] args) =>
        CliRunner.RunAsync(
            "git",
            ["-c", "credential.helper=", "-c", $"credential.helper={CliRunner.Mandate} credential git", "-c", "credential.useHttpPath=true", .. args],
            Environment(token),
            workingDirectory);

    /// <summary>Runs <c>mandate credential git &lt;operation&gt;</c> as git would, with this input.</summary>
    public Task<ProcessResult> HelperAsync(string? token, string operation, string input) =>
        CliRunner.RunAsync(CliRunner.Mandate, ["credential", "git", operation], Environment(token), Home.Directory, input);

    public Dictionary<string, string?> Environment(string? token) => new()
    {
        ["MANDATE_HOME"] = Home.Home,
        ["MANDATE_TOKEN"] = token,
        ["MANDATE_TOKEN_FILE"] = null,
        ["HOME"] = GitHome,
        ["XDG_CONFIG_HOME"] = GitHome,
        ["GIT_CONFIG_NOSYSTEM"] = "1",
        ["GIT_CONFIG_GLOBAL"] = "/dev/null",
        ["GIT_TERMINAL_PROMPT"] = "0",
        ["GIT_ASKPASS"] = "",
        ["SSH_ASKPASS"] = "",
        ["GIT_AUTHOR_NAME"] = "Agent",
        ["GIT_AUTHOR_EMAIL"] = "agent@acme.dev",
        ["GIT_COMMITTER_NAME"] = "Agent",
        ["GIT_COMMITTER_EMAIL"] = "agent@acme.dev",
    };

    /// <summary>Clones acme/api into a new folder of the test; the result and the folder.</summary>
    public async Task<(ProcessResult Result, string Directory)> CloneAsync(string? token, string name = "clone")
    {
        var dir = Home.PathOf(name);
        return (await GitAsync(token, Home.Directory, "clone", "--quiet", Server.CloneUrl, dir), dir);
    }

    /// <summary>Commits a file in the clone and pushes main.</summary>
    public async Task<ProcessResult> CommitAndPushAsync(string? token, string clone, string subject)
    {
        await File.WriteAllTextAsync(Path.Combine(clone, "CHANGE.md"), subject + "\n", TestContext.Current.CancellationToken);
        (await GitAsync(token, clone, "add", "CHANGE.md")).AssertSuccess();
        (await GitAsync(token, clone, "commit", "--quiet", "-m", subject)).AssertSuccess();
        return await GitAsync(token, clone, "push", "--quiet", "origin", "main");
    }

    public void Dispose()
    {
        Server.Dispose();
        _key.Dispose();
        Session.Dispose();
    }
}
