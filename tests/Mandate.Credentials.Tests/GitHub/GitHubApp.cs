using System.Security.Cryptography;
using Mandate.Credentials.GitHub;
using Mandate.Credentials.Leases;

namespace Mandate.Credentials.Tests.GitHub;

/// <summary>A GitHub App for one test: an RSA key generated now (PEM in a temp file), the fake GitHub trusting it, and a provider pointed at the fake.</summary>
internal sealed class GitHubApp : IDisposable
{
    public const string AppId = "Iv23liTestClientId";
    public const long InstallationId = 4242;

    private readonly string _dir;

    public GitHubApp(TimeProvider? serverTime = null, TimeProvider? clientTime = null)
    {
        _dir = Directory.CreateTempSubdirectory("github-app-").FullName;
        Key = RSA.Create(2048);
        KeyPath = Path.Combine(_dir, "app.private-key.pem");
        File.WriteAllText(KeyPath, Key.ExportRSAPrivateKeyPem());
        var publicKey = RSA.Create();
        publicKey.ImportRSAPublicKey(Key.ExportRSAPublicKey(), out _);
        Server = new FakeGitHub(publicKey, AppId, InstallationId, serverTime);
        Options = GitHubAppOptions.Create(AppId, InstallationId.ToString(System.Globalization.CultureInfo.InvariantCulture), KeyPath, Server.ApiUrl).Value;
        Provider = new GitHubProvider("acme-bot", Options, clientTime ?? serverTime ?? TimeProvider.System);
    }

    public RSA Key { get; }

    public string KeyPath { get; }

    public FakeGitHub Server { get; }

    public GitHubAppOptions Options { get; }

    public GitHubProvider Provider { get; }

    public static LeaseRequest Request(string access, string repository = "acme/api", string? host = null) => new()
    {
        Provider = "acme-bot",
        Parameters = host is null
            ? new Dictionary<string, string> { ["repository"] = repository, ["access"] = access }
            : new Dictionary<string, string> { ["repository"] = repository, ["access"] = access, ["host"] = host },
    };

    public static LeaseGrant Grant(DateTimeOffset now, string leaseId = "lse_0123456789abcdef0123456789abcdef") =>
        new(leaseId, "spiffe://acme.dev/agent/claude-code/webapp", "jane@acme.dev", "task_1", "mdt_1", now, now.AddMinutes(15));

    public void Dispose()
    {
        Provider.Dispose();
        Server.Dispose();
        Key.Dispose();
        Directory.Delete(_dir, recursive: true);
    }
}
