using System.CommandLine;
using System.Text.Json.Nodes;
using Mandate.Core.Errors;
using Mandate.Core.Time;
using Mandate.Credentials.Secrets;

namespace Mandate.Cli.Commands;

internal static partial class LeaseCommand
{
    private static readonly Argument<string> SecretName = new("name") { Description = "The secret's name (the mandate must cover secret:read:<name>)." };
    private static readonly Option<string?> SecretTtl = new("--ttl") { Description = "How long the lease lives, e.g. 15m [default: 15m; at most 1h and the mandate's expiry]." };
    private static readonly Option<string?> SecretEnv = new("--env") { Description = "The environment variable that carries the value [default: the name in upper case, e.g. PROD_STRIPE_KEY]." };
    private static readonly Argument<string[]> SecretCommand = new("command") { Description = "The command to run with the secret in its environment (after --); the value is never printed.", Arity = ArgumentArity.ZeroOrMore };
    private static readonly Option<string?> SecretMandate = LeaseCli.MandateOption();
    private static readonly Option<string?> SecretPresenter = LeaseCli.PresenterOption();

    private static Command CreateSecret()
    {
        var command = new Command("secret", "Lease a static secret stored with 'mandate secret put' and run a command with it in its environment (never printed); the release is audited.")
        {
            SecretName, SecretTtl, SecretEnv, SecretMandate, SecretPresenter, SecretCommand,
        };
        command.SetHandler(Secret);
        return command;
    }

    private static int Secret(ParseResult parse, CliContext ctx)
    {
        var ttl = parse.GetValue(SecretTtl) is { } text ? Nullable(DurationText.Parse(text, "--ttl")) : Outcome<TimeSpan?>.Success(null);
        var prepared = ttl.IsSuccess ? LeaseCli.Prepare(ctx, parse.GetValue(SecretMandate), parse.GetValue(SecretPresenter)) : ttl.Error;
        var provider = prepared.IsSuccess ? LeaseCli.Provider(ctx, SecretProvider.KindName, SecretProvider.VaultName) : prepared.Error;
        if (!provider.IsSuccess)
        {
            return ctx.Output.Fail(provider.Error);
        }

        var (service, mandate) = prepared.Value;
        var name = parse.GetValue(SecretName)!;
        var issued = service.Issue(provider.Value, SecretProvider.Request(name, ttl.Value), mandate, mandate.Actor, LeaseCli.SessionId);
        if (!issued.IsSuccess)
        {
            return ctx.Output.Fail(issued.Error);
        }

        var lease = issued.Value.Lease;
        var variable = parse.GetValue(SecretEnv) ?? lease.Details.GetValueOrDefault("env") ?? SecretProvider.EnvironmentName(name);
        var argv = parse.GetValue(SecretCommand) ?? [];
        if (argv.Length > 0)
        {
            // A static secret reaches an agent only as an environment variable of a process (issue 7), never on a terminal or in a file.
            var start = new System.Diagnostics.ProcessStartInfo(argv[0]) { UseShellExecute = false };
            foreach (var arg in argv.Skip(1))
            {
                start.ArgumentList.Add(arg);
            }

            start.Environment[variable] = issued.Value.Secrets[name];
            try
            {
                using var process = System.Diagnostics.Process.Start(start)!;
                process.WaitForExit();
                return process.ExitCode;
            }
            catch (System.ComponentModel.Win32Exception e)
            {
                return ctx.Output.Fail(new MandateError(ErrorCodes.InputUnreadable, $"{argv[0]} could not be started: {e.Message}", "Check the command and PATH."));
            }
        }

        if (ctx.Output.Json)
        {
            ctx.Output.Out.WriteLine(new JsonObject
            {
                ["lease_id"] = lease.Id,
                ["name"] = name,
                ["env"] = variable,
                ["expires_at"] = Time(lease.ExpiresAt),
            }.ToJsonString());
        }
        else
        {
            ctx.Output.Out.WriteLine($"Leased secret {name} as {lease.Id} until {lease.ExpiresAt:u}; it reaches a process only as {variable}: mandate lease secret {name} -- <command>, or mandate run --secret {name} -- <agent>.");
        }

        return ExitCodes.Success;
    }
}
