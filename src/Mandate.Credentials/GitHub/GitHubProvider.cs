using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Mandate.Core.Errors;
using Mandate.Core.Leases;
using Mandate.Credentials.Leases;

namespace Mandate.Credentials.GitHub;

/// <summary>
/// GitHub App installation tokens (kind <c>github</c>), limited to one repository and the permissions of the access
/// asked for. Parameters: <c>host</c> (the git host, github.com), <c>repository</c> (org/repo), <c>access</c>
/// (read, write or push); the mandate must cover <c>repo:&lt;access&gt;:&lt;host&gt;/&lt;org&gt;/&lt;repo&gt;</c>.
/// A token cannot be extended (a new lease is issued instead) and lives at most an hour at GitHub; revoking the
/// lease revokes it at GitHub.
/// </summary>
public sealed class GitHubProvider : ILeaseProvider, IDisposable
{
    public const string KindName = "github";

    private readonly GitHubAppClient _client;

    public GitHubProvider(string name, GitHubAppOptions options, TimeProvider time, HttpMessageHandler? handler = null)
    {
        Name = name;
        Options = options ?? throw new ArgumentNullException(nameof(options));
        _client = new GitHubAppClient(options, time, handler);
    }

    public string Kind => KindName;

    /// <summary>GitHub's installation tokens expire an hour after issue; a lease cannot outlive its token.</summary>
    public TimeSpan MaxTtl => TimeSpan.FromHours(1);

    public string Name { get; }

    public GitHubAppOptions Options { get; }

    public GitHubAppClient Client => _client;

    public string Capability(LeaseRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var p = request.Parameters;
        return $"repo:{p.GetValueOrDefault("access")}:{p.GetValueOrDefault("host") ?? Options.GitHost}/{p.GetValueOrDefault("repository")}";
    }

    public Outcome<IssuedCredential> Issue(LeaseRequest request, LeaseGrant grant)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(grant);
        var parsed = Parse(request);
        if (!parsed.IsSuccess)
        {
            return parsed.Error;
        }

        var (repository, permissions) = parsed.Value;
        var token = _client.CreateToken(repository[(repository.IndexOf('/', StringComparison.Ordinal) + 1)..], permissions);
        if (!token.IsSuccess)
        {
            return token.Error;
        }

        var t = token.Value;
        var details = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["host"] = Options.GitHost,
            ["repository"] = repository,
            ["permissions"] = t.Permissions,
            ["expires_at"] = t.ExpiresAt.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            ["installation_id"] = Options.InstallationId.ToString(CultureInfo.InvariantCulture),
            ["token_sha256"] = TokenHash(t.Token),
            ["token_sealed"] = GitHubTokenSeal.Seal(_client.Key().Value, grant.LeaseId, t.Token),
        };
        return new IssuedCredential(details, new Dictionary<string, string>(StringComparer.Ordinal) { ["token"] = t.Token });
    }

    /// <summary>Installation tokens cannot be extended: lease again.</summary>
    public Outcome<bool> Renew(Lease lease, DateTimeOffset expiresAt) => false;

    public Outcome<bool> Revoke(Lease lease)
    {
        ArgumentNullException.ThrowIfNull(lease);
        if (!lease.Details.TryGetValue("token_sealed", out var sealedToken))
        {
            return new MandateError(ErrorCodes.GitHubTokenSealInvalid, $"Lease {lease.Id} holds no sealed GitHub token to revoke.", "The token expires by itself within an hour of issue.");
        }

        var key = _client.Key();
        if (!key.IsSuccess)
        {
            return key.Error;
        }

        var token = GitHubTokenSeal.Open(key.Value, lease.Id, sealedToken);
        return token.IsSuccess ? _client.RevokeToken(token.Value) : token.Error;
    }

    /// <summary>Hex SHA-256 of a token: how <c>git credential erase</c> finds the lease of the token git hands back.</summary>
    public static string TokenHash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    public void Dispose() => _client.Dispose();

    private Outcome<(string Repository, IReadOnlyList<KeyValuePair<string, string>> Permissions)> Parse(LeaseRequest request)
    {
        var p = request.Parameters;
        var host = p.GetValueOrDefault("host") ?? Options.GitHost;
        if (!string.Equals(host, Options.GitHost, StringComparison.OrdinalIgnoreCase))
        {
            return new MandateError(ErrorCodes.GitHubRequestInvalid, $"Provider '{Name}' issues tokens for {Options.GitHost}, not {host}.", "Use the provider registered for that host (mandate provider list).");
        }

        var repository = p.GetValueOrDefault("repository") ?? "";
        if (!IsRepository(repository))
        {
            return new MandateError(ErrorCodes.GitHubRequestInvalid, $"'{repository}' is not a repository: expected <owner>/<name>.", "Pass --repository acme/api.");
        }

        var permissions = GitHubPermissions.For(p.GetValueOrDefault("access") ?? "");
        return permissions.IsSuccess ? (repository, permissions.Value) : permissions.Error;
    }

    /// <summary>owner/name with GitHub's characters (letters, digits, '-', '_', '.'), no "." or ".." name.</summary>
    public static bool IsRepository(string text)
    {
        var parts = text.Split('/');
        return parts.Length == 2 && parts.All(part => part.Length is > 0 and <= 100 && part is not "." and not ".."
            && part.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'));
    }
}
