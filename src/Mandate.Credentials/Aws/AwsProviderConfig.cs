using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Mandate.Core.Errors;

namespace Mandate.Credentials.Aws;

/// <summary>An AWS provider's stored configuration, as JSON (it names a profile and files, never holds a key).</summary>
public static class AwsProviderConfig
{
    public static string ToJson(AwsProviderOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var json = new JsonObject
        {
            ["profile"] = options.Profile,
            ["credentials_file"] = options.CredentialsFile,
            ["region"] = options.Region,
            ["endpoint_url"] = options.EndpointUrl?.ToString(),
            ["max_ttl_seconds"] = (long)options.MaxTtl.TotalSeconds,
        };
        return json.ToJsonString();
    }

    public static Outcome<AwsProviderOptions> FromJson(string name, string json)
    {
        try
        {
            var node = JsonNode.Parse(json) as JsonObject;
            if (node is null)
            {
                return Invalid(name, "it is not a JSON object");
            }

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
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException or UriFormatException)
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
