using System.CommandLine;
using System.Net;
using System.Text.Json.Nodes;
using Mandate.Core.Errors;
using Mandate.Credentials.GitHub;
using Mandate.Credentials.Leases;
using Mandate.Credentials.Providers;

namespace Mandate.Cli.Commands;

/// <summary>The GitHub App provider in the CLI: its <c>provider add github</c> options and configuration, and the registered app for a lease or a git host.</summary>
internal static class GitHubCli
{
    public static readonly Option<string?> AppId = new("--app-id") { Description = "github: the app's client ID (Iv…) or numeric app ID, the JWT's iss." };
    public static readonly Option<string?> InstallationId = new("--installation-id") { Description = "github: the installation's numeric id (in its settings URL)." };
    public static readonly Option<string?> PrivateKey = new("--private-key") { Description = "github: the app's private key (.pem); its path is stored, not the key." };
    public static readonly Option<string?> ApiUrl = new("--api-url") { Description = $"github: the REST API [default: {GitHubAppOptions.DefaultApiUrl}]; https, or http only to a loopback test server." };

    /// <summary>The configuration of <c>mandate provider add github</c>.</summary>
    public static Outcome<JsonObject> Config(ParseResult parse)
    {
        var key = parse.GetValue(PrivateKey);
        var options = GitHubAppOptions.Create(parse.GetValue(AppId), parse.GetValue(InstallationId), string.IsNullOrWhiteSpace(key) ? key : Path.GetFullPath(key), parse.GetValue(ApiUrl));
        return options.IsSuccess ? options.Value.ToConfig() : options.Error;
    }

    /// <summary>What <c>provider list</c> shows of an app: the git host and installation (the key's path is not secret, but not shown).</summary>
    public static string Describe(RegisteredProvider provider) =>
        GitHubAppOptions.FromConfig(provider.Config) is { IsSuccess: true } o ? $"{o.Value.GitHost} installation {o.Value.InstallationId}" : "-";

    /// <summary>The registered app <paramref name="name"/> as a lease provider.</summary>
    public static Outcome<ILeaseProvider> Provider(CliContext ctx, string name)
    {
        var box = LeaseCli.Box(ctx);
        if (!box.IsSuccess)
        {
            return box.Error;
        }

        using var opened = box.Value;
        var registered = LeaseCli.Registry(ctx, opened).Get(name);
        if (!registered.IsSuccess)
        {
            return registered.Error;
        }

        var options = GitHubAppOptions.FromConfig(registered.Value.Config);
        return options.IsSuccess ? new GitHubProvider(name, options.Value, ctx.Time) : options.Error;
    }

    /// <summary>The registered app whose git host is <paramref name="host"/>; null when none is (the helper then says nothing).</summary>
    public static GitHubProvider? ForHost(CliContext ctx, string protocol, string host)
    {
        var box = LeaseCli.Box(ctx);
        if (!box.IsSuccess)
        {
            return null;
        }

        using var opened = box.Value;
        var listed = LeaseCli.Registry(ctx, opened).List();
        if (!listed.IsSuccess)
        {
            return null;
        }

        foreach (var registered in listed.Value.Where(p => p.Kind == GitHubProvider.KindName))
        {
            var options = GitHubAppOptions.FromConfig(registered.Config);
            if (options.IsSuccess && string.Equals(options.Value.GitHost, host, StringComparison.OrdinalIgnoreCase))
            {
                // A token goes over plain http only to a loopback test server, as the API URL itself does.
                return protocol == "https" || (protocol == "http" && IsLoopback(options.Value.ApiUrl))
                    ? new GitHubProvider(registered.Name, options.Value, ctx.Time)
                    : null;
            }
        }

        return null;
    }

    private static bool IsLoopback(Uri uri) => uri.IsLoopback || (IPAddress.TryParse(uri.Host, out var ip) && IPAddress.IsLoopback(ip));
}
