using System.Globalization;
using System.Text.Json.Nodes;
using Mandate.Core.Errors;
using Mandate.Credentials.Leases;

namespace Mandate.Credentials.Aws;

/// <summary>An AWS provider's stored configuration, as JSON (it names a profile and files, never holds a key).</summary>
public static class AwsProviderConfig
{
    public static JsonObject ToConfig(AwsProviderOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var json = new JsonObject { ["region"] = options.Region, ["max_ttl_seconds"] = (long)options.MaxTtl.TotalSeconds };
        if (options.Profile is not null)
        {
            json["profile"] = options.Profile;
        }

        if (options.CredentialsFile is not null)
        {
            json["credentials_file"] = options.CredentialsFile;
        }

        if (options.EndpointUrl is not null)
        {
            json["endpoint_url"] = options.EndpointUrl.ToString();
        }

        return json;
    }

    /// <summary>The provider a registered configuration describes (for LeaseCli.Provider).</summary>
    public static Outcome<ILeaseProvider> Provider(string name, JsonObject config)
    {
        var options = FromConfig(name, config);
        return options.IsSuccess ? new AwsProvider(options.Value) : options.Error;
    }

    public static Outcome<AwsProviderOptions> FromConfig(string name, JsonObject node)
    {
        ArgumentNullException.ThrowIfNull(node);
        try
        {
            var options = new AwsProviderOptions
            {
                Name = name,
                Profile = (string?)node["profile"],
                CredentialsFile = (string?)node["credentials_file"],
                Region = (string?)node["region"] ?? "us-east-1",
                EndpointUrl = (string?)node["endpoint_url"] is { Length: > 0 } url ? new Uri(url, UriKind.Absolute) : null,
                MaxTtl = node["max_ttl_seconds"] is { } max ? TimeSpan.FromSeconds((long)max) : TimeSpan.FromHours(1),
            };
            return Validate(options);
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or UriFormatException)
        {
            return Invalid(name, e.GetType().Name);
        }
    }

    /// <summary>Every problem at once: region, endpoint, maximum TTL.</summary>
    public static Outcome<AwsProviderOptions> Validate(AwsProviderOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        if (options.Region.Length is 0 or > 32 || !options.Region.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
        {
            problems.Add($"region '{options.Region}' is not an AWS region name (like us-east-1)");
        }

        if (options.EndpointUrl is { } url && (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp)))
        {
            problems.Add($"endpoint '{url}' is not an http(s) URL");
        }

        if (options.MaxTtl < AwsProvider.MinDuration || options.MaxTtl > AwsProvider.MaxDuration)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"maximum TTL {options.MaxTtl.TotalSeconds} s is outside STS's 900 s to 12 h"));
        }

        return problems.Count == 0 ? options : Invalid(options.Name, string.Join("; ", problems));
    }

    private static MandateError Invalid(string name, string why) =>
        new(ErrorCodes.AwsConfigInvalid, $"AWS provider '{name}' is misconfigured: {why}.", "Register it again: mandate provider add aws --name <n> [--profile <p>] [--region <r>] [--endpoint-url <url>].");
}
