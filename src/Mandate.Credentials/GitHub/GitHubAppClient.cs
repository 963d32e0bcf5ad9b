using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Mandate.Core.Errors;

namespace Mandate.Credentials.GitHub;

/// <summary>
/// GitHub's REST API as an App installation: "Create an installation access token for an app" and "Revoke an
/// installation access token". Calls are synchronous (leases are issued by a CLI command) with a bounded timeout;
/// no message carries a token, a JWT or the key.
/// </summary>
public sealed class GitHubAppClient : IDisposable
{
    public const string ApiVersion = "2022-11-28";
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);
    private const string UserAgent = "Mandate-credential-broker";

    private readonly GitHubAppOptions _options;
    private readonly TimeProvider _time;
    private readonly HttpClient _http;
    private RSA? _key;

    public GitHubAppClient(GitHubAppOptions options, TimeProvider time, HttpMessageHandler? handler = null)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _http = handler is null ? new HttpClient() : new HttpClient(handler, disposeHandler: false);
        _http.Timeout = Timeout;
    }

    /// <summary>The app's private key, read once from its file.</summary>
    public Outcome<RSA> Key()
    {
        if (_key is not null)
        {
            return _key;
        }

        try
        {
            var rsa = RSA.Create();
            rsa.ImportFromPem(File.ReadAllText(_options.PrivateKeyPath));
            _key = rsa;
            return rsa;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or CryptographicException)
        {
            return new MandateError(ErrorCodes.GitHubPrivateKeyUnreadable, $"Cannot read the GitHub App's RSA private key from {_options.PrivateKeyPath}: {e.GetType().Name}.", "Point --private-key at the .pem GitHub generated for the app (readable by this user).");
        }
    }

    /// <summary>POST /app/installations/{id}/access_tokens for one repository (its name, without the owner) with these permissions.</summary>
    public Outcome<GitHubInstallationToken> CreateToken(string repositoryName, IReadOnlyList<KeyValuePair<string, string>> permissions)
    {
        ArgumentNullException.ThrowIfNull(permissions);
        var key = Key();
        if (!key.IsSuccess)
        {
            return key.Error;
        }

        var jwt = GitHubAppJwt.Create(key.Value, _options.AppId, _time.GetUtcNow());
        var perms = new JsonObject();
        foreach (var (name, level) in permissions)
        {
            perms[name] = level;
        }

        var body = new JsonObject { ["repositories"] = new JsonArray(repositoryName), ["permissions"] = perms };
        using var request = new HttpRequestMessage(HttpMethod.Post, Endpoint($"app/installations/{_options.InstallationId.ToString(CultureInfo.InvariantCulture)}/access_tokens"))
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", jwt);
        var sent = Send(request);
        if (!sent.IsSuccess)
        {
            return sent.Error;
        }

        using var response = sent.Value;
        var json = ReadJson(response);
        if (response.StatusCode != HttpStatusCode.Created)
        {
            return Refusal(response.StatusCode, json);
        }

        if (json?["token"] is not JsonValue tokenValue || !tokenValue.TryGetValue<string>(out var token) || token.Length is 0 or > 1024
            || json["expires_at"] is not JsonValue expiresValue || !expiresValue.TryGetValue<string>(out var expiresText)
            || !DateTimeOffset.TryParse(expiresText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var expiresAt))
        {
            return new MandateError(ErrorCodes.GitHubResponseInvalid, $"GitHub answered 201 at {_options.ApiUrl} without a token and expires_at.", "Check --api-url points at the GitHub REST API (https://api.github.com, or https://<host>/api/v3).");
        }

        var granted = json["permissions"] is JsonObject p
            ? GitHubPermissions.Describe(p.Select(kv => KeyValuePair.Create(kv.Key, kv.Value?.ToString() ?? "")))
            : GitHubPermissions.Describe(permissions);
        var repositories = json["repositories"] is JsonArray repos
            ? repos.Select(r => r?["full_name"]?.ToString() ?? r?["name"]?.ToString() ?? "").Where(n => n.Length > 0).ToList()
            : [repositoryName];
        return new GitHubInstallationToken(token, expiresAt.ToUniversalTime(), granted, repositories);
    }

    /// <summary>DELETE /installation/token, authenticated by the token itself; true when revoked, false when GitHub no longer knew it (already revoked or expired).</summary>
    public Outcome<bool> RevokeToken(string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, Endpoint("installation/token"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var sent = Send(request);
        if (!sent.IsSuccess)
        {
            return sent.Error;
        }

        using var response = sent.Value;
        return response.StatusCode switch
        {
            HttpStatusCode.NoContent => true,
            HttpStatusCode.Unauthorized => false,
            _ => new MandateError(ErrorCodes.GitHubRevokeFailed, $"GitHub answered {(int)response.StatusCode} to revoking an installation token.", "Retry 'mandate lease revoke'; the token expires by itself within an hour of issue."),
        };
    }

    public void Dispose()
    {
        _http.Dispose();
        _key?.Dispose();
    }

    private Uri Endpoint(string path) => new(_options.ApiUrl.ToString().TrimEnd('/') + "/" + path);

    private Outcome<HttpResponseMessage> Send(HttpRequestMessage request)
    {
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/vnd.github+json"));
        request.Headers.Add("X-GitHub-Api-Version", ApiVersion);
        request.Headers.UserAgent.ParseAdd(UserAgent);
        try
        {
            return _http.Send(request);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            return new MandateError(ErrorCodes.GitHubUnreachable, $"GitHub's API at {_options.ApiUrl} did not answer within {Timeout.TotalSeconds:0} s ({e.GetType().Name}).", "Check the network and --api-url, then retry.");
        }
    }

    private static JsonNode? ReadJson(HttpResponseMessage response)
    {
        try
        {
            using var stream = response.Content.ReadAsStream();
            return stream.Length == 0 ? null : JsonNode.Parse(stream);
        }
        catch (Exception e) when (e is JsonException or IOException or NotSupportedException)
        {
            return null;
        }
    }

    private MandateError Refusal(HttpStatusCode status, JsonNode? json)
    {
        // GitHub's error JSON: {"message": "...", "documentation_url": "...", "status": "422"}. Its message names
        // repositories and permissions, never the token, so it is safe to show.
        var message = json?["message"] is JsonValue m && m.TryGetValue<string>(out var text) ? text : "";
        if (message.Length > 300)
        {
            message = message[..300];
        }

        var said = message.Length > 0 ? $": \"{message}\"" : "";
        return status switch
        {
            HttpStatusCode.Unauthorized => new MandateError(ErrorCodes.GitHubAppAuthenticationFailed, $"GitHub refused the app's JWT (401){said}.", "Check --app-id and that --private-key is this app's current key, and the machine's clock."),
            HttpStatusCode.NotFound => new MandateError(ErrorCodes.GitHubTokenRefused, $"GitHub knows no installation {_options.InstallationId} of this app (404){said}.", "Check --installation-id (the number in the installation's settings URL)."),
            HttpStatusCode.UnprocessableEntity or HttpStatusCode.Forbidden => new MandateError(ErrorCodes.GitHubTokenRefused, $"GitHub refused the token ({(int)status}){said}.", "Install the app on that repository and grant it the permissions the mandate asks for (contents, pull_requests)."),
            _ => new MandateError(ErrorCodes.GitHubResponseInvalid, $"GitHub answered {(int)status} to the token request{said}.", "Retry later; check --api-url."),
        };
    }
}
