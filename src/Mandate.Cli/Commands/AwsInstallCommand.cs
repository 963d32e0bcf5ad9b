using System.CommandLine;
using System.Text.Json.Nodes;
using Mandate.Core.Audit;
using Mandate.Credentials.Aws;

namespace Mandate.Cli.Commands;

/// <summary>
/// <c>mandate install aws --profile &lt;name&gt; [--provider &lt;n&gt;] --role &lt;arn&gt;</c>: an AWS profile whose
/// credentials come from <c>mandate credential aws</c> (credential_process), merged into <c>~/.aws/config</c>.
/// </summary>
internal static class AwsInstallCommand
{
    private static readonly Option<string> Profile = new("--profile") { Description = "The AWS profile to write (e.g. mandate); use it with AWS_PROFILE or --profile.", Required = true };
    private static readonly Option<string?> ProviderOption = new("--provider") { Description = "The registered AWS provider [default: the only one registered]." };
    private static readonly Option<string> Role = new("--role") { Description = "The role ARN the profile assumes; a mandate must cover aws:assume:<arn>.", Required = true };
    private static readonly Option<string?> ConfigFile = new("--config-file") { Description = "The AWS config file [default: ~/.aws/config]." };

    public static Command Create()
    {
        var command = new Command("aws", "Write an AWS profile whose credentials come from 'mandate credential aws', keeping every other profile and setting.")
        {
            Profile, ProviderOption, Role, ConfigFile,
        };
        command.SetHandler(Run);
        return command;
    }

    private static int Run(ParseResult parse, CliContext ctx)
    {
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile, Environment.SpecialFolderOption.DoNotVerify);
        var configPath = Path.GetFullPath(parse.GetValue(ConfigFile) ?? Path.Combine(home, ".aws", "config"));
        var credentialsPath = Path.Combine(Path.GetDirectoryName(configPath)!, "credentials");
        var binary = Environment.ProcessPath ?? "mandate";
        var providerName = parse.GetValue(ProviderOption);
        var line = AwsConfigFile.Command(binary, providerName, parse.GetValue(Role)!);
        if (!line.IsSuccess)
        {
            return ctx.Output.Fail(line.Error);
        }

        var command = line.Value;
        var result = AwsConfigFile.Install(configPath, credentialsPath, parse.GetValue(Profile)!, command);
        if (!result.IsSuccess)
        {
            return ctx.Output.Fail(result.Error);
        }

        if (ctx.Settings.IsSuccess)
        {
            ctx.Store.Audit.Append(new AuditRecord
            {
                Time = ctx.Time.GetUtcNow(),
                Kind = AuditKinds.Admin,
                Event = "aws.install",
                Actor = new AuditActor(ctx.Actor),
                Resource = configPath,
                Details = new Dictionary<string, string?> { ["profile"] = parse.GetValue(Profile), ["role"] = parse.GetValue(Role), ["provider"] = providerName, ["binary"] = binary },
            });
        }

        if (ctx.Output.Json)
        {
            ctx.Output.Out.WriteLine(new JsonObject
            {
                ["profile"] = parse.GetValue(Profile),
                ["file"] = configPath,
                ["changed"] = result.Value.Changed,
                ["credential_process"] = command,
            }.ToJsonString());
        }
        else
        {
            ctx.Output.Out.WriteLine(result.Value.Changed
                ? $"AWS profile '{parse.GetValue(Profile)}' in {configPath} now gets its credentials from '{command}'. Use it with AWS_PROFILE={parse.GetValue(Profile)} or --profile {parse.GetValue(Profile)}."
                : $"AWS profile '{parse.GetValue(Profile)}' in {configPath} already uses Mandate; nothing changed.");
        }

        return ExitCodes.Success;
    }
}
