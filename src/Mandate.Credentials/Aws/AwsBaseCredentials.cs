using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;
using Amazon.Runtime.Credentials;
using Mandate.Core.Errors;

namespace Mandate.Credentials.Aws;

/// <summary>The credentials Mandate itself calls STS with: a named profile, or the SDK's default chain.</summary>
internal static class AwsBaseCredentials
{
    public static Outcome<AWSCredentials> Resolve(AwsProviderOptions options)
    {
        try
        {
            if (options.Profile is { Length: > 0 } profile)
            {
                var chain = options.CredentialsFile is { Length: > 0 } file ? new CredentialProfileStoreChain(file) : new CredentialProfileStoreChain();
                return chain.TryGetAWSCredentials(profile, out var credentials)
                    ? credentials
                    : new MandateError(
                        ErrorCodes.AwsBaseCredentialsMissing,
                        $"AWS provider '{options.Name}': profile '{profile}' was not found{(options.CredentialsFile is { Length: > 0 } f ? " in " + f : "")}.",
                        "Add the profile with 'aws configure --profile <name>', or register the provider again with the right --profile.");
            }

            return DefaultAWSCredentialsIdentityResolver.GetCredentials();
        }
        catch (AmazonClientException e)
        {
            // The SDK's message names the sources it tried; it carries no key material.
            return new MandateError(
                ErrorCodes.AwsBaseCredentialsMissing,
                $"AWS provider '{options.Name}' has no base credentials to call STS with: {OneLine(e.Message)}",
                "Register the provider with --profile <a profile holding your AWS keys>, or configure the default profile.");
        }
    }

    internal static string OneLine(string text)
    {
        var line = text.ReplaceLineEndings(" ");
        return line.Length > 300 ? line[..300] + "…" : line;
    }
}
