using System.Text.Json;
using Mandate.Core.Errors;
using Mandate.Core.Home;

namespace Mandate.Credentials.Ssh;

/// <summary>
/// The SSH broker's settings, from <c>$MANDATE_HOME/ssh/config.json</c> (optional; every key optional):
/// <c>{"source_address": "10.0.0.0/8,192.0.2.7", "force_command": "/usr/local/bin/deploy"}</c>.
/// With neither, certificates carry no critical options.
/// </summary>
public sealed record SshOptions
{
    public const string DirectoryName = "ssh";
    public const string FileName = "config.json";

    /// <summary>The <c>source-address</c> critical option for every certificate, or null.</summary>
    public string? SourceAddress { get; init; }

    /// <summary>The <c>force-command</c> critical option for every certificate, or null (the default).</summary>
    public string? ForceCommand { get; init; }

    public static string DirectoryOf(MandateHome home)
    {
        ArgumentNullException.ThrowIfNull(home);
        return Path.Combine(home.Root, DirectoryName);
    }

    /// <summary>Reads the file when it exists and reports every problem in it at once.</summary>
    public static Outcome<SshOptions> Load(MandateHome home)
    {
        var path = Path.Combine(DirectoryOf(home), FileName);
        if (!File.Exists(path))
        {
            return new SshOptions();
        }

        var problems = new List<string>();
        string? source = null, force = null;
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                problems.Add("the file is not a JSON object");
            }
            else
            {
                foreach (var property in document.RootElement.EnumerateObject())
                {
                    switch (property.Name)
                    {
                        case "source_address":
                            source = ReadString(property, problems);
                            if (source is not null && !SshCertificateAuthority.IsValidSourceAddress(source))
                            {
                                problems.Add("source_address is not a comma-separated list of IP addresses or CIDR blocks");
                            }

                            break;
                        case "force_command":
                            force = ReadString(property, problems);
                            break;
                        default:
                            problems.Add($"unknown key '{property.Name}' (source_address, force_command)");
                            break;
                    }
                }
            }
        }
        catch (JsonException e)
        {
            problems.Add("it is not valid JSON: " + e.Message);
        }

        return problems.Count == 0
            ? new SshOptions { SourceAddress = source, ForceCommand = force }
            : new MandateError(
                ErrorCodes.SshConfigInvalid,
                $"{path} has {problems.Count} problem(s): {string.Join("; ", problems)}",
                "Fix the file (docs/ssh.md lists its keys) or delete it.");
    }

    private static string? ReadString(JsonProperty property, List<string> problems)
    {
        if (property.Value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (property.Value.ValueKind != JsonValueKind.String || property.Value.GetString() is not { Length: > 0 } value)
        {
            problems.Add($"{property.Name} is not a non-empty string");
            return null;
        }

        return value;
    }
}
