using System.CommandLine;
using System.Text.Json.Nodes;
using Mandate.Core.Errors;
using Mandate.Credentials.Aws;
using Mandate.Credentials.Leases;
using Mandate.Credentials.Providers;

namespace Mandate.Cli.Commands;

/// <summary>The AWS STS provider in the CLI: its <c>provider add aws</c> options and configuration, and the registered provider for a lease.</summary>
internal static class AwsCli
{
    public static readonly Option<string?> Profile = new("--profile") { Description = "aws: the profile holding Mandate's own base credentials to call STS with [default: the AWS SDK's default chain]." };
    public static readonly Option<string?> CredentialsFile = new("--credentials-file") { Description = "aws: the shared credentials file to read --profile from [default: ~/.aws/credentials and ~/.aws/config]." };
    public static readonly Option<string?> Region = new("--region") { Description = "aws: the STS region [default: us-east-1]." };
    public static readonly Option<string?> EndpointUrl = new("--endpoint-url") { Description = "aws: an STS endpoint to call instead of AWS's regional one (a VPC endpoint, a test server)." };

    /// <summary>The configuration of <c>mandate provider add aws</c>: where the base credentials come from, never the keys themselves.</summary>
    public static Outcome<JsonObject> Config(ParseResult parse)
    {
        Uri? endpoint = null;
        if (parse.GetValue(EndpointUrl) is { Length: > 0 } url && !Uri.TryCreate(url, UriKind.Absolute, out endpoint))
        {
            return new MandateError(ErrorCodes.AwsConfigInvalid, $"--endpoint-url '{url}' is not an absolute URL.", "Pass e.g. --endpoint-url https://sts.eu-west-1.amazonaws.com.");
        }

        var file = parse.GetValue(CredentialsFile);
        var options = AwsProviderConfig.Validate(new AwsProviderOptions
        {
            Name = parse.GetValue<string>("--name") ?? "aws",
            Profile = parse.GetValue(Profile) is { Length: > 0 } p ? p : null,
            CredentialsFile = string.IsNullOrWhiteSpace(file) ? null : Path.GetFullPath(file),
            Region = parse.GetValue(Region) is { Length: > 0 } r ? r : "us-east-1",
            EndpointUrl = endpoint,
        });
        return options.IsSuccess ? AwsProviderConfig.ToConfig(options.Value) : options.Error;
    }

    /// <summary>What <c>provider list</c> shows: the region or endpoint and the base profile.</summary>
    public static string Describe(RegisteredProvider provider)
    {
        var o = AwsProviderConfig.FromConfig(provider.Name, provider.Config);
        return o.IsSuccess ? $"sts {o.Value.EndpointUrl?.ToString() ?? o.Value.Region}, base profile {o.Value.Profile ?? "(default chain)"}" : "-";
    }

    /// <summary>The registered provider <paramref name="name"/> as a lease provider.</summary>
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

        return registered.Value.Kind == AwsProvider.KindName
            ? AwsProviderConfig.Provider(name, registered.Value.Config)
            : new MandateError(ErrorCodes.AwsRequestInvalid, $"Provider '{name}' is a {registered.Value.Kind} provider, not an AWS one.", "Pass --provider <the name of an AWS provider>; 'mandate provider list' shows them.");
    }

    /// <summary>The only registered AWS provider's name (credential aws without --provider).</summary>
    public static Outcome<string> OnlyProvider(CliContext ctx)
    {
        var box = LeaseCli.Box(ctx);
        if (!box.IsSuccess)
        {
            return box.Error;
        }

        using var opened = box.Value;
        var listed = LeaseCli.Registry(ctx, opened).List();
        if (!listed.IsSuccess)
        {
            return listed.Error;
        }

        var aws = listed.Value.Where(p => p.Kind == AwsProvider.KindName).Select(p => p.Name).ToList();
        return aws.Count == 1
            ? aws[0]
            : new MandateError(
                ErrorCodes.AwsRequestInvalid,
                aws.Count == 0 ? "No AWS provider is registered." : $"{aws.Count} AWS providers are registered ({string.Join(", ", aws)}).",
                aws.Count == 0 ? "Register one: mandate provider add aws --name <n> --profile <your base profile>." : "Pass --provider <name>.");
    }
}
