using System.CommandLine;
using System.Text;
using System.Text.Json;
using Mandate.Core.Errors;
using Mandate.Credentials.Aws;
using Mandate.Credentials.Leases;

namespace Mandate.Cli.Commands;

/// <summary>
/// <c>mandate credential aws [--provider &lt;n&gt;] [--role &lt;arn&gt;]</c>: an AWS <c>credential_process</c>. Leases STS
/// credentials for one role under the session's mandate and prints them as credential_process Version 1 JSON. Any
/// refusal exits 1 with one line on stderr, so the SDK or CLI fails: it never falls back to anyone's own keys.
/// </summary>
internal static class CredentialAwsCommand
{
    /// <summary>Set while Mandate resolves its base credentials: a base profile that runs Mandate again is refused, not looped.</summary>
    public const string LoopGuardVariable = "MANDATE_AWS_CREDENTIAL_PROCESS";

    /// <summary>The agent's AWS settings: never a source of Mandate's own base credentials (those come from the provider's configuration).</summary>
    private static readonly string[] AgentVariables =
    [
        "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_SECURITY_TOKEN", "AWS_PROFILE", "AWS_DEFAULT_PROFILE",
        "AWS_SHARED_CREDENTIALS_FILE", "AWS_CONFIG_FILE", "AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_ROLE_ARN", "AWS_ROLE_SESSION_NAME",
        "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "AWS_CONTAINER_CREDENTIALS_FULL_URI", "AWS_CONTAINER_AUTHORIZATION_TOKEN",
        "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE", "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_STS",
    ];

    private static readonly Option<string?> ProviderOption = new("--provider") { Description = "The registered AWS provider [default: the only one registered]." };
    private static readonly Option<string?> Role = new("--role") { Description = "The role ARN to assume; the mandate must cover aws:assume:<arn> [default: the one role the mandate names]." };
    private static readonly Option<string?> MandateOption = new("--mandate") { Description = $"The mandate: a token or a file holding it [default: ${MandateCli.TokenVariable}, then ${MandateCli.TokenFileVariable}]." };

    public static Command Create()
    {
        var aws = new Command("aws", "AWS credential_process: STS credentials for one role under the session's mandate. Configure it with 'mandate install aws'.")
        {
            ProviderOption, Role, MandateOption,
        };
        aws.SetHandler(Run);
        return aws;
    }

    private static int Run(ParseResult parse, CliContext ctx)
    {
        if (Environment.GetEnvironmentVariable(LoopGuardVariable) == "1")
        {
            return ctx.Output.Fail(new MandateError(
                ErrorCodes.AwsCredentialProcessLoop,
                "The AWS provider's base credentials lead back to 'mandate credential aws'.",
                "Register the provider with --profile naming a profile that holds your own keys, not the one 'mandate install aws' wrote."));
        }

        Environment.SetEnvironmentVariable(LoopGuardVariable, "1");
        foreach (var name in AgentVariables)
        {
            Environment.SetEnvironmentVariable(name, null);
        }

        if (!ctx.Settings.IsSuccess)
        {
            return ctx.Output.Fail(ctx.Settings.Error);
        }

        var prepared = LeaseCli.Prepare(ctx, parse.GetValue(MandateOption));
        if (!prepared.IsSuccess)
        {
            return ctx.Output.Fail(prepared.Error);
        }

        var (service, mandate) = prepared.Value;
        var providerName = parse.GetValue(ProviderOption) is { } named ? Outcome<string>.Success(named) : AwsCli.OnlyProvider(ctx);
        if (!providerName.IsSuccess)
        {
            return ctx.Output.Fail(providerName.Error);
        }

        var role = parse.GetValue(Role) ?? OnlyRole(mandate.Scope);
        if (!role.IsSuccess)
        {
            return ctx.Output.Fail(role.Error);
        }

        var provider = LeaseCli.Provider(ctx, AwsProvider.KindName, providerName.Value);
        if (!provider.IsSuccess)
        {
            return ctx.Output.Fail(provider.Error);
        }

        var request = new LeaseRequest
        {
            Provider = providerName.Value,
            Parameters = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                [AwsProvider.RoleParameter] = role.Value,
                [AwsProvider.ScopeParameter] = mandate.Scope.ToString(),
            },

            // STS's floor: the lease lives as long as the credentials it stands for (the mandate's expiry may cut it shorter).
            Ttl = AwsProvider.MinDuration,
        };
        var issued = service.Issue(provider.Value, request, mandate, mandate.Actor, LeaseCli.SessionId);
        if (!issued.IsSuccess)
        {
            return ctx.Output.Fail(issued.Error);
        }

        var secrets = issued.Value.Secrets;
        var lease = issued.Value.Lease;
        var expiration = lease.Details.TryGetValue("expiration", out var e) ? e : lease.ExpiresAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("Version", 1);
            json.WriteString("AccessKeyId", secrets["access_key_id"]);
            json.WriteString("SecretAccessKey", secrets["secret_access_key"]);
            json.WriteString("SessionToken", secrets["session_token"]);
            json.WriteString("Expiration", expiration);
            json.WriteEndObject();
        }

        ctx.Output.Out.WriteLine(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
        return ExitCodes.Success;
    }

    /// <summary>The one literal role the mandate allows to assume, when it names exactly one.</summary>
    private static Outcome<string> OnlyRole(Core.Mandates.Scope scope)
    {
        var roles = scope.Capabilities.Where(c => c.Kind == "aws" && c.Verb == "assume" && c.IsLiteral).Select(c => c.Target).ToList();
        return roles.Count == 1
            ? roles[0]
            : new MandateError(
                ErrorCodes.AwsRequestInvalid,
                roles.Count == 0 ? "The mandate names no single AWS role to assume." : $"The mandate names {roles.Count} roles.",
                "Pass --role <role ARN> (mandate install aws writes it into the profile).");
    }
}
