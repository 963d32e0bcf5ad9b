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
    private static readonly Option<bool> Reveal = new("--reveal") { Description = "Print the value on stdout (by default only the lease id and expiry are printed)." };
    private static readonly Option<string?> SecretMandate = LeaseCli.MandateOption();
    private static readonly Option<string?> SecretPresenter = LeaseCli.PresenterOption();

    private static Command CreateSecret()
    {
        var command = new Command("secret", "Lease a static secret stored with 'mandate secret put'; the release is audited.")
        {
            SecretName, SecretTtl, Reveal, SecretMandate, SecretPresenter,
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
        var reveal = parse.GetValue(Reveal);
        if (ctx.Output.Json)
        {
            var o = new JsonObject
            {
                ["lease_id"] = lease.Id,
                ["name"] = name,
                ["env"] = lease.Details.GetValueOrDefault("env"),
                ["expires_at"] = Time(lease.ExpiresAt),
            };
            if (reveal)
            {
                o["value"] = issued.Value.Secrets[name];
            }

            ctx.Output.Out.WriteLine(o.ToJsonString());
        }
        else if (reveal)
        {
            ctx.Output.Out.WriteLine(issued.Value.Secrets[name]);
        }
        else
        {
            ctx.Output.Out.WriteLine($"Leased secret {name} as {lease.Id} until {lease.ExpiresAt:u} (pass --reveal to print the value).");
        }

        return ExitCodes.Success;
    }
}
