using System.CommandLine;
using Mandate.Core.Mandates;
using Mandate.Core.Time;

namespace Mandate.Cli.Commands;

internal static class DelegateCommand
{
    private static readonly Option<string?> Mandate = new("--mandate") { Description = "The parent mandate: the token or a file holding it [env: MANDATE_TOKEN, MANDATE_TOKEN_FILE]." };
    private static readonly Option<string> To = new("--to") { Description = "The sub-agent's id or SPIFFE ID.", Required = true };
    private static readonly Option<string> Scope = new("--scope") { Description = "Capabilities for the sub-agent: covered by the parent's.", Required = true };
    private static readonly Option<string?> Ttl = new("--ttl") { Description = "Lifetime [default: 30m, cut to what the parent has left]." };
    private static readonly Option<string?> Purpose = new("--purpose") { Description = "The sub-agent's purpose [default: the parent's]." };
    private static readonly Option<string?> Bind = new("--bind") { Description = "Bind the child mandate to the sub-agent's X.509-SVID (svid.pem)." };
    private static readonly Option<string?> Presenter = new("--presenter") { Description = "Your own X.509-SVID (svid.pem): required when the parent mandate is bound to it." };

    public static Command Create()
    {
        var command = new Command("delegate", "Pass part of a mandate on to a sub-agent; prints the child token.") { Mandate, To, Scope, Ttl, Purpose, Bind, Presenter };
        command.SetHandler(Run);
        return command;
    }

    private static int Run(ParseResult parse, CliContext ctx)
    {
        var service = MandateCli.Service(ctx);
        var token = service.IsSuccess ? MandateCli.ReadToken(parse.GetValue(Mandate)) : service.Error;
        var ttl = token.IsSuccess && parse.GetValue(Ttl) is { } text ? DurationText.Parse(text, "--ttl") : token.IsSuccess ? TimeSpan.Zero : token.Error;
        var bind = ttl.IsSuccess ? MandateCli.ReadCertificate(parse.GetValue(Bind)) : ttl.Error;
        var presenter = bind.IsSuccess ? MandateCli.ReadCertificate(parse.GetValue(Presenter)) : bind.Error;
        if (!presenter.IsSuccess)
        {
            return ctx.Output.Fail(presenter.Error);
        }

        var issued = service.Value.Delegate(
            token.Value,
            new DelegateRequest
            {
                To = parse.GetValue(To)!,
                Scope = parse.GetValue(Scope)!,
                Ttl = ttl.Value == TimeSpan.Zero ? null : ttl.Value,
                Purpose = parse.GetValue(Purpose),
                BindCertificate = bind.Value,
                Presenter = presenter.Value,
            },
            ctx.Actor);
        return issued.IsSuccess ? GrantCommand.Print(ctx, issued.Value) : ctx.Output.Fail(issued.Error);
    }
}
