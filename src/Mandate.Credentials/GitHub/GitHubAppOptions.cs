using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Mandate.Core.Errors;

namespace Mandate.Credentials.GitHub;

/// <summary>
/// One registered GitHub App installation (<c>mandate provider add github</c>): the app's id (or client id),
/// the installation, the private key's file and the REST API's base URL. The key itself is read when a token is
/// requested and never stored in the configuration.
/// </summary>
public sealed record GitHubAppOptions
{
    public const string DefaultApiUrl = "https://api.github.com";

    /// <summary>The JWT's <c>iss</c>: the app's client ID (<c>Iv1.…</c>) or its numeric app ID.</summary>
    public required string AppId { get; init; }

    public required long InstallationId { get; init; }

    public required string PrivateKeyPath { get; init; }

    public Uri ApiUrl { get; init; } = new(DefaultApiUrl);

    /// <summary>The git host the app's tokens open: github.com for api.github.com, else the API's host (GitHub Enterprise Server, a test server).</summary>
    public string GitHost => ApiUrl.Host == "api.github.com" ? "github.com" : ApiUrl.IsDefaultPort ? ApiUrl.Host : $"{ApiUrl.Host}:{ApiUrl.Port}";

    /// <summary>Reads and checks a registered provider's configuration (app_id, installation_id, private_key, api_url); every problem is named.</summary>
    public static Outcome<GitHubAppOptions> FromConfig(JsonObject config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return Create(Text(config, "app_id"), Text(config, "installation_id"), Text(config, "private_key"), Text(config, "api_url"));
    }

    /// <summary>Checks the values given to <c>mandate provider add github</c>; every problem is named in one error.</summary>
    public static Outcome<GitHubAppOptions> Create(string? appId, string? installationId, string? privateKeyPath, string? apiUrl)
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(appId) || appId.Length > 128 || appId.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c == '"'))
        {
            problems.Add("--app-id must be the app's client ID or numeric app ID");
        }

        if (!long.TryParse(installationId, NumberStyles.None, CultureInfo.InvariantCulture, out var installation) || installation <= 0)
        {
            problems.Add("--installation-id must be the installation's positive numeric id");
        }

        if (string.IsNullOrWhiteSpace(privateKeyPath) || !Path.IsPathFullyQualified(privateKeyPath))
        {
            problems.Add("--private-key must be the absolute path of the app's private key (PEM)");
        }

        var api = CheckApiUrl(apiUrl ?? DefaultApiUrl, problems);
        if (problems.Count > 0)
        {
            return new MandateError(ErrorCodes.GitHubConfigInvalid, "The GitHub App provider is not valid: " + string.Join("; ", problems) + ".", "Register it again with 'mandate provider add github --name <n> --app-id <id> --installation-id <id> --private-key <file> [--api-url <url>]'.");
        }

        return new GitHubAppOptions { AppId = appId!, InstallationId = installation, PrivateKeyPath = privateKeyPath!, ApiUrl = api! };
    }

    /// <summary>The configuration to register: the key's path, never the key.</summary>
    public JsonObject ToConfig() => new()
    {
        ["app_id"] = AppId,
        ["installation_id"] = InstallationId.ToString(CultureInfo.InvariantCulture),
        ["private_key"] = PrivateKeyPath,
        ["api_url"] = ApiUrl.ToString().TrimEnd('/'),
    };

    private static string? Text(JsonObject config, string key) =>
        config[key] is JsonValue v ? (v.TryGetValue<string>(out var s) ? s : v.ToJsonString()) : null;

    /// <summary>HTTPS, or plain HTTP only to a loopback address (a test server): a token must never cross a network in clear.</summary>
    private static Uri? CheckApiUrl(string text, List<string> problems)
    {
        if (!Uri.TryCreate(text.TrimEnd('/'), UriKind.Absolute, out var uri) || uri.Query.Length > 0 || uri.Fragment.Length > 0 || uri.UserInfo.Length > 0)
        {
            problems.Add($"--api-url '{text}' is not an absolute URL without query or credentials");
            return null;
        }

        var loopback = uri.IsLoopback || (IPAddress.TryParse(uri.Host, out var ip) && IPAddress.IsLoopback(ip));
        if (uri.Scheme != Uri.UriSchemeHttps && !(uri.Scheme == Uri.UriSchemeHttp && loopback))
        {
            problems.Add($"--api-url '{text}' must be https (plain http is accepted only for a loopback test server)");
            return null;
        }

        return uri;
    }
}
